/*
 * memcpy, memmove and memset as the bulk-memory instructions (memory.copy, memory.fill), which V8
 * runs as native memmove/memset. Debian 12's wasi-libc is built for the wasm MVP, so its own are C
 * loops; the objects compiled here with -mbulk-memory already inline the instructions, and these
 * definitions, linked before libc.a, give them to libc's own callers too (realloc, stdio).
 */
#include <stddef.h>

void *memcpy(void *restrict dest, const void *restrict src, size_t n)
{
  __builtin_memcpy(dest, src, n);
  return dest;
}

void *memmove(void *dest, const void *src, size_t n)
{
  __builtin_memmove(dest, src, n);
  return dest;
}

void *memset(void *dest, int c, size_t n)
{
  __builtin_memset(dest, c, n);
  return dest;
}
