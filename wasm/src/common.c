/* What resolver.wasm and rpmmd.wasm share: the output buffer and its replies, memory exports, the
 * ABI version, and turning a repository of its own pool into .solv as rpmmd2solv writes it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pool.h"
#include "repo.h"
#include "repo_write.h"
#include "solvversion.h"

#include "abi.h"
#include "glue.h"

Glue G;

int glue_fail(const char *code, const char *fmt, ...)
{
  char msg[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":false");
  jb_kstr(&G.out, "code", code, 0);
  jb_kstr(&G.out, "error", msg, 0);
  jb_char(&G.out, '}');
  return -1;
}

double glue_now_ms(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

AZL_EXPORT(azl_abi_version) int azl_abi_version(void)
{
  return AZL_ABI_VERSION;
}

AZL_EXPORT(azl_malloc) void *azl_malloc(size_t n)
{
  return malloc(n);
}

AZL_EXPORT(azl_free) void azl_free(void *p)
{
  free(p);
}

AZL_EXPORT(azl_out_ptr) const char *azl_out_ptr(void)
{
  return G.out.data ? G.out.data : "";
}

AZL_EXPORT(azl_out_len) size_t azl_out_len(void)
{
  return G.out.len;
}

int glue_reply_solvables(const char *id, int solvables, int pool_solvables)
{
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  if (id)
    jb_kstr(&G.out, "id", id, 0);
  jb_kint(&G.out, "solvables", solvables, 0);
  if (pool_solvables >= 0)
    jb_kint(&G.out, "poolSolvables", pool_solvables, 0);
  jb_char(&G.out, '}');
  return 0;
}

FILE *glue_open_input(const char *path, const char *what)
{
  FILE *fp = fopen(path, "r");
  if (!fp)
    glue_fail("missing-file", "cannot open %s file %s", what, path);
  return fp;
}

/* Writes REPO, the only repository of its own pool, as rpmmd2solv does: with the file provides
 * pool_addfileprovides adds recorded as REPOSITORY_ADDEDFILEPROVIDES, so loading the .solv later
 * lets pool_addfileprovides skip searching this repository's files. */
int glue_write_converted(Repo *repo, const char *out, const Queue *order)
{
  Pool *pool = repo->pool;
  Repodata *info = repo_add_repodata(repo, 0);
  repodata_set_str(info, SOLVID_META, REPOSITORY_TOOLVERSION, solv_toolversion);
  Queue added;
  queue_init(&added);
  pool_addfileprovides_queue(pool, &added, 0);
  if (order && added.count)
    {
      /* the file dependencies in ORDER first (the whole file's order of first use), then any other */
      Queue sorted;
      queue_init(&sorted);
      for (int i = 0; i < order->count; i++)
        for (int j = 0; j < added.count; j++)
          if (added.elements[j] == order->elements[i])
            {
              queue_push(&sorted, order->elements[i]);
              break;
            }
      for (int j = 0; j < added.count; j++)
        {
          int seen = 0;
          for (int i = 0; i < sorted.count && !seen; i++)
            seen = sorted.elements[i] == added.elements[j];
          if (!seen)
            queue_push(&sorted, added.elements[j]);
        }
      queue_free(&added);
      added = sorted;
    }
  if (added.count)
    repodata_set_idarray(info, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES, &added);
  queue_free(&added);
  repodata_internalize(info);
  return glue_write_solv(repo, out);
}

int glue_write_solv(Repo *repo, const char *out)
{
  FILE *fp = fopen(out, "w");
  if (!fp)
    return glue_fail("write-failed", "cannot create %s", out);
  int r = repo_write(repo, fp);
  if (fclose(fp) || r)
    return glue_fail("write-failed", "writing %s failed: %s", out, pool_errstr(repo->pool));
  return 0;
}

int glue_convert_alone(const char *out, int (*add)(Repo *repo, const void *input), const void *input)
{
  Pool *pool = pool_create();
  Repo *repo = repo_create(pool, "convert");
  int r = add(repo, input);
  if (!r)
    {
      repo_internalize(repo);
      r = glue_write_converted(repo, out, 0);
    }
  int solvables = repo->nsolvables;
  pool_free(pool);
  return r ? -1 : glue_reply_solvables(0, solvables, -1);
}
