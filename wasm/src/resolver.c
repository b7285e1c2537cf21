/* The resolver module's lifecycle and repository exports: one libsolv pool kept alive across calls
 * (a WASI reactor), repositories added from .solv, results returned as JSON through linear memory
 * (azl_out_ptr/azl_out_len), never through stdout. rpm-md XML from repositories and users becomes
 * .solv in rpmmd.wasm (convert.c); packages the app makes itself become .solv here (records.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "poolarch.h"
#include "repo.h"
#include "repo_solv.h"
#include "solvversion.h"

#include "abi.h"
#include "glue.h"

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

void glue_pool_changed(void)
{
  G.whatprovides_dirty = 1;
  G.details_generation++;
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
  return glue_reply_solvables(repo->name, repo->nsolvables, G.pool->nsolvables);
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
  glue_pool_changed();
  G.last.repo = 0;
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  jb_kstr(&G.out, "arch", arch, 0);
  jb_kint(&G.out, "abiVersion", AZL_ABI_VERSION, 0);
  jb_kstr(&G.out, "libsolv", solv_version, 0);
  jb_char(&G.out, '}');
  return 0;
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

/* Adds repository ID from a .solv file written by azl_write_solv (or libsolv's tools). */
AZL_EXPORT(azl_add_repo_solv) int azl_add_repo_solv(const char *id, const char *path, int priority, int cost)
{
  if (need_pool())
    return -1;
  glue_free_solver();
  Repo *repo = create_repo(id, priority, cost);
  if (!repo)
    return -1;
  FILE *fp = glue_open_input(path, "solv");
  if (!fp)
    {
      repo_free(repo, 1);
      restore_checkpoint();
      return -1;
    }
  int r = repo_add_solv(repo, fp, 0);
  fclose(fp);
  glue_pool_changed();
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
  if (glue_write_solv(repo, path))
    return -1;
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
  glue_pool_changed();
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
