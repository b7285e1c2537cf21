/* The resolver module's lifecycle and repository exports: one libsolv pool kept alive across calls
 * (a WASI reactor), repositories added from rpm-md files or .solv, results returned as JSON through
 * linear memory (azl_out_ptr/azl_out_len), never through stdout. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pool.h"
#include "poolarch.h"
#include "repo.h"
#include "repo_rpmmd.h"
#include "repo_solv.h"
#include "repo_write.h"
#include "repo_updateinfoxml.h"
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

void glue_free_solver(void)
{
  if (G.solv)
    solver_free(G.solv);
  G.solv = 0;
  queue_empty(&G.jobs);
  queue_empty(&G.jobtags);
  for (int i = 0; i < G.ntags; i++)
    free(G.tags[i]);
  free(G.tags);
  G.tags = 0;
  G.ntags = 0;
}

void glue_prepare_pool(void)
{
  if (!G.whatprovides_dirty)
    return;
  pool_addfileprovides(G.pool);
  pool_createwhatprovides(G.pool);
  G.whatprovides_dirty = 0;
}

static Repo *find_repo(const char *id)
{
  Pool *pool = G.pool;
  Repo *repo;
  int i;
  FOR_REPOS(i, repo)
    if (!strcmp(repo->name, id))
      return repo;
  return 0;
}

static int ok_repo(Repo *repo)
{
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  jb_kstr(&G.out, "id", repo->name, 0);
  jb_kint(&G.out, "solvables", repo->nsolvables, 0);
  jb_kint(&G.out, "poolSolvables", G.pool->nsolvables, 0);
  jb_char(&G.out, '}');
  return 0;
}

static int need_pool(void)
{
  if (G.pool)
    return 0;
  return glue_fail("no-pool", "the resolver was not initialised (call init first)");
}

/* The loaded repository ID, or 0 with the failure (no pool, unknown repository) already in G.out. */
static Repo *loaded_repo(const char *id)
{
  if (need_pool())
    return 0;
  Repo *repo = find_repo(id);
  if (!repo)
    glue_fail("unknown-repo", "no repository '%s' is loaded", id);
  return repo;
}

/* idarraysize of every repository but SKIP: pool_addfileprovides appends to it when it adds provides */
static int other_idarrays(Repo *skip)
{
  Pool *pool = G.pool;
  Repo *repo;
  int i, n = 0;
  FOR_REPOS(i, repo)
    if (repo != skip)
      n += repo->idarraysize;
  return n;
}

/* Remembers the pool before REPO is created, so removing REPO later can restore exactly this. */
static void checkpoint_before_add(void)
{
  Stringpool *ss = &G.pool->ss;
  G.last.repo = 0;
  solv_free(G.last.stringhash);
  G.last.stringhash = ss->stringhashtbl ? solv_memdup2(ss->stringhashtbl, ss->stringhashmask + 1, sizeof(Id)) : 0;
  G.last.stringhashmask = ss->stringhashtbl ? ss->stringhashmask : 0;
  G.last.nstrings = G.pool->ss.nstrings;
  G.last.sstrings = G.pool->ss.sstrings;
  G.last.nrels = G.pool->nrels;
  G.last.idarrays = other_idarrays(0);
}

static void checkpoint_added(Repo *repo)
{
  G.last.repo = repo;
}

/* Whether removing REPO can restore the checkpoint: it is the newest repository, nothing after it
 * holds solvables, and no other repository gained provides (ids) while it was there. */
static int restorable(Repo *repo)
{
  Pool *pool = G.pool;
  return repo == G.last.repo && repo == pool->repos[pool->nrepos - 1] && repo->end == pool->nsolvables
         && other_idarrays(repo) == G.last.idarrays;
}

/* Drops the ids created since the checkpoint (by REPO, already freed, and by solves since). */
static void restore_checkpoint(void)
{
  Pool *pool = G.pool;
  pool_freewhatprovides(pool);
  pool_freeidhashes(pool); /* the rel hash is rebuilt from the remaining rels on the next lookup */
  pool->ss.stringhashtbl = G.last.stringhash;
  pool->ss.stringhashmask = G.last.stringhashmask;
  G.last.stringhash = 0;
  pool->ss.nstrings = G.last.nstrings;
  pool->ss.sstrings = G.last.sstrings;
  pool->nrels = G.last.nrels;
  /* (pool->languagecache would hold ids too, but only pool_id2langid fills it and the glue never
   * asks for translated strings) */
  G.last.repo = 0;
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

/* Creates a fresh pool for ARCH with the flags dnf5 sets, dropping everything loaded before. */
AZL_EXPORT(azl_init) int azl_init(const char *arch)
{
  glue_free_solver();
  if (G.has_considered)
    map_free(&G.considered);
  G.has_considered = 0;
  if (G.pool)
    pool_free(G.pool);
  G.pool = pool_create();
  pool_setarch(G.pool, arch);
  /* dnf5's Pool: multilib packages obsolete by colour, excluded packages stay visible in
   * whatprovides so problems can say "package X is excluded" instead of "nothing provides". */
  pool_set_flag(G.pool, POOL_FLAG_IMPLICITOBSOLETEUSESCOLORS, 1);
  pool_set_flag(G.pool, POOL_FLAG_WHATPROVIDESWITHDISABLED, 1);
  Repo *system = repo_create(G.pool, "@System");
  pool_set_installed(G.pool, system);
  G.whatprovides_dirty = 1;
  G.last.repo = 0;
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  jb_kstr(&G.out, "arch", arch, 0);
  jb_kint(&G.out, "abiVersion", AZL_ABI_VERSION, 0);
  jb_kstr(&G.out, "libsolv", solv_version, 0);
  jb_char(&G.out, '}');
  return 0;
}

static FILE *open_input(const char *path, const char *what)
{
  FILE *fp = fopen(path, "r");
  if (!fp)
    glue_fail("missing-file", "cannot open %s file %s", what, path);
  return fp;
}

static Repo *create_repo(const char *id, int priority, int cost)
{
  if (find_repo(id))
    {
      glue_fail("duplicate-repo", "a repository with id '%s' is already loaded", id);
      return 0;
    }
  checkpoint_before_add();
  Repo *repo = repo_create(G.pool, id);
  /* libdnf: a lower dnf priority/cost number wins, libsolv prefers higher values */
  repo->priority = -priority;
  repo->subpriority = -cost;
  return repo;
}

static int add_rpmmd_file(Repo *repo, const char *path, const char *what, int flags)
{
  FILE *fp = open_input(path, what);
  if (!fp)
    return -1;
  int r = what[0] == 'u' ? repo_add_updateinfoxml(repo, fp, flags) : repo_add_rpmmd(repo, fp, 0, flags);
  fclose(fp);
  if (r)
    return glue_fail("bad-xml", "%s: %s", what, pool_errstr(repo->pool));
  return 0;
}

/* Writes REPO, the only repository of its own pool, as rpmmd2solv does: with the file provides
 * pool_addfileprovides adds recorded as REPOSITORY_ADDEDFILEPROVIDES, so loading the .solv later
 * lets pool_addfileprovides skip searching this repository's files. */
static int write_converted(Repo *repo, const char *out)
{
  Pool *pool = repo->pool;
  Repodata *info = repo_add_repodata(repo, 0);
  repodata_set_str(info, SOLVID_META, REPOSITORY_TOOLVERSION, solv_toolversion);
  Queue added;
  queue_init(&added);
  pool_addfileprovides_queue(pool, &added, 0);
  if (added.count)
    repodata_set_idarray(info, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES, &added);
  queue_free(&added);
  repodata_internalize(info);
  FILE *fp = fopen(out, "w");
  if (!fp)
    return glue_fail("write-failed", "cannot create %s", out);
  int r = repo_write(repo, fp);
  if (fclose(fp) || r)
    return glue_fail("write-failed", "writing %s failed: %s", out, pool_errstr(pool));
  return 0;
}

/* Parses rpm-md files (primary required, updateinfo may be "") in a pool of their own and writes
 * them as .solv to OUT. The bytes depend on the files alone, never on what else is loaded, and
 * equal rpmmd2solv's for a primary.xml. */
AZL_EXPORT(azl_convert_rpmmd) int azl_convert_rpmmd(const char *primary, const char *updateinfo, const char *out)
{
  Pool *pool = pool_create();
  Repo *repo = repo_create(pool, "convert");
  int r = add_rpmmd_file(repo, primary, "primary", REPO_NO_INTERNALIZE)
          || (*updateinfo && add_rpmmd_file(repo, updateinfo, "updateinfo", REPO_NO_INTERNALIZE));
  if (!r)
    {
      repo_internalize(repo);
      r = write_converted(repo, out);
    }
  int solvables = repo->nsolvables;
  pool_free(pool);
  if (r)
    return -1;
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  jb_kint(&G.out, "solvables", solvables, 0);
  jb_char(&G.out, '}');
  return 0;
}

/* Adds repository ID from rpm-md files (primary required; filelists and updateinfo may be ""). */
AZL_EXPORT(azl_add_repo_rpmmd) int azl_add_repo_rpmmd(const char *id, const char *primary, const char *filelists,
                                                      const char *updateinfo, int priority, int cost)
{
  if (need_pool())
    return -1;
  glue_free_solver();
  Repo *repo = create_repo(id, priority, cost);
  if (!repo)
    return -1;
  if (add_rpmmd_file(repo, primary, "primary", REPO_NO_INTERNALIZE)
      || (*filelists && add_rpmmd_file(repo, filelists, "filelists", REPO_EXTEND_SOLVABLES | REPO_NO_INTERNALIZE))
      || (*updateinfo && add_rpmmd_file(repo, updateinfo, "updateinfo", REPO_NO_INTERNALIZE)))
    {
      repo_free(repo, 1);
      restore_checkpoint();
      G.whatprovides_dirty = 1;
      return -1;
    }
  repo_internalize(repo);
  checkpoint_added(repo);
  G.whatprovides_dirty = 1;
  return ok_repo(repo);
}

/* Extends loaded repository ID with its filelists (dnf loads them only when a file dep needs them). */
AZL_EXPORT(azl_add_filelists) int azl_add_filelists(const char *id, const char *filelists)
{
  Repo *repo = loaded_repo(id);
  if (!repo)
    return -1;
  glue_free_solver();
  /* the recorded file provides were found in primary's file subset; with whole file lists the
   * same file dependencies can have more providers, so the repository must be searched again */
  Repodata *recorded = repo_lookup_repodata(repo, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES);
  if (recorded)
    {
      repodata_unset(recorded, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES);
      repodata_internalize(recorded);
    }
  /* new strings from a repository other than the newest one break the checkpoint */
  if (repo != G.last.repo)
    G.last.repo = 0;
  if (add_rpmmd_file(repo, filelists, "filelists", REPO_EXTEND_SOLVABLES))
    return -1;
  G.whatprovides_dirty = 1;
  return ok_repo(repo);
}

/* Adds repository ID from a .solv file written by azl_write_solv (or libsolv's tools). */
AZL_EXPORT(azl_add_repo_solv) int azl_add_repo_solv(const char *id, const char *path, int priority, int cost)
{
  if (need_pool())
    return -1;
  glue_free_solver();
  Repo *repo = create_repo(id, priority, cost);
  if (!repo)
    return -1;
  FILE *fp = open_input(path, "solv");
  if (!fp)
    {
      repo_free(repo, 1);
      restore_checkpoint();
      return -1;
    }
  int r = repo_add_solv(repo, fp, 0);
  fclose(fp);
  G.whatprovides_dirty = 1;
  if (r)
    {
      repo_free(repo, 1);
      restore_checkpoint();
      return glue_fail("bad-solv", "solv: %s", pool_errstr(G.pool));
    }
  checkpoint_added(repo);
  return ok_repo(repo);
}

/* Writes repository ID as a .solv file to PATH. */
AZL_EXPORT(azl_write_solv) int azl_write_solv(const char *id, const char *path)
{
  Repo *repo = loaded_repo(id);
  if (!repo)
    return -1;
  FILE *fp = fopen(path, "w");
  if (!fp)
    return glue_fail("write-failed", "cannot create %s", path);
  int r = repo_write(repo, fp);
  if (fclose(fp) || r)
    return glue_fail("write-failed", "writing %s failed: %s", path, pool_errstr(G.pool));
  return ok_repo(repo);
}

/* Removes repository ID from the pool; says whether the pool is back to exactly its state before ID. */
AZL_EXPORT(azl_remove_repo) int azl_remove_repo(const char *id)
{
  Repo *repo = loaded_repo(id);
  if (!repo)
    return -1;
  glue_free_solver();
  if (G.has_considered)
    map_free(&G.considered);
  G.has_considered = 0;
  G.pool->considered = 0;
  int restored = restorable(repo);
  repo_free(repo, 1);
  if (restored)
    restore_checkpoint();
  else
    G.last.repo = 0;
  G.whatprovides_dirty = 1;
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  /* restored: the pool is now exactly what it was before ID was added (ids included); otherwise
   * ids ID created stay behind, and a caller that needs the canonical pool must rebuild it */
  jb_key(&G.out, "restored", 0);
  jb_raw(&G.out, restored ? "true" : "false");
  jb_char(&G.out, '}');
  return 0;
}

/* Describes the pool: each repository with its solvable count. */
AZL_EXPORT(azl_pool_info) int azl_pool_info(void)
{
  if (need_pool())
    return -1;
  Pool *pool = G.pool;
  Repo *repo;
  int i, first = 1;
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  jb_kint(&G.out, "poolSolvables", G.pool->nsolvables, 0);
  jb_key(&G.out, "repos", 0);
  jb_char(&G.out, '[');
  FOR_REPOS(i, repo)
    {
      if (repo == G.pool->installed)
        continue;
      if (!first)
        jb_char(&G.out, ',');
      first = 0;
      jb_char(&G.out, '{');
      jb_kstr(&G.out, "id", repo->name, 1);
      jb_kint(&G.out, "solvables", repo->nsolvables, 0);
      jb_kint(&G.out, "priority", -repo->priority, 0);
      jb_kint(&G.out, "cost", -repo->subpriority, 0);
      jb_char(&G.out, '}');
    }
  jb_raw(&G.out, "]}");
  return 0;
}

/* Lists repository ID's packages for the search index, one per line:
 * name \t evr \t arch \t summary \t provides separated by \x1f. */
AZL_EXPORT(azl_package_list) int azl_package_list(const char *id)
{
  Repo *repo = loaded_repo(id);
  if (!repo)
    return -1;
  Pool *pool = G.pool;
  Solvable *s;
  Id p;
  jb_reset(&G.out);
  FOR_REPO_SOLVABLES(repo, p, s)
    {
      jb_raw(&G.out, pool_id2str(pool, s->name));
      jb_char(&G.out, '\t');
      jb_raw(&G.out, pool_id2str(pool, s->evr));
      jb_char(&G.out, '\t');
      jb_raw(&G.out, pool_id2str(pool, s->arch));
      jb_char(&G.out, '\t');
      const char *summary = solvable_lookup_str(s, SOLVABLE_SUMMARY);
      for (const char *c = summary ? summary : ""; *c; c++)
        jb_char(&G.out, (*c == '\t' || *c == '\n') ? ' ' : *c);
      jb_char(&G.out, '\t');
      if (s->provides)
        {
          Id *pp = repo->idarraydata + s->provides;
          int first = 1;
          for (; *pp; pp++)
            {
              if (!first)
                jb_char(&G.out, '\x1f');
              first = 0;
              jb_raw(&G.out, pool_dep2str(pool, *pp));
            }
        }
      jb_char(&G.out, '\n');
    }
  return 0;
}
