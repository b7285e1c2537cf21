/* Fault handling and its test hooks (documented in ARCHITECTURE.md, "The wasm boundary").
 *
 * - A ceiling on linear memory: wasi-libc's malloc grows memory through sbrk; this sbrk refuses to
 *   grow past azl_set_memory_limit's bytes (0 = only the 4 GiB of wasm32), so malloc returns NULL and
 *   libsolv's solv_oom reports "Out of memory" and aborts, as it would on a browser that refuses to
 *   grow the memory. The app uses it to give the resolver a budget; tests use it to force an OOM.
 * - azl_debug_trap: traps at once, as a libsolv bug would, so tests can check that the instance is
 *   rebuilt from the kept .solv files and the call retried. Nothing in the app calls it. */
#include <errno.h>
#include <stdint.h>
#include <unistd.h>
#include "glue.h"

#define WASM_PAGE 65536u

static size_t memory_limit;

AZL_EXPORT(azl_set_memory_limit) void azl_set_memory_limit(size_t bytes)
{
  memory_limit = bytes;
}

AZL_EXPORT(azl_debug_trap) void azl_debug_trap(void)
{
  __builtin_trap();
}

/* Replaces wasi-libc's sbrk (same contract: page-multiple increments, (void *)-1 and ENOMEM when refused). */
void *sbrk(intptr_t increment)
{
  size_t pages = __builtin_wasm_memory_size(0);
  if (increment == 0)
    return (void *)(pages * WASM_PAGE);
  if (increment < 0 || increment % WASM_PAGE != 0)
    __builtin_trap();
  if (memory_limit && pages * WASM_PAGE + (size_t)increment > memory_limit)
    {
      errno = ENOMEM;
      return (void *)-1;
    }
  size_t old = __builtin_wasm_memory_grow(0, (size_t)increment / WASM_PAGE);
  if (old == SIZE_MAX)
    {
      errno = ENOMEM;
      return (void *)-1;
    }
  return (void *)(old * WASM_PAGE);
}
