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
static int write_converted(Repo *repo, const char *out, const Queue *order)
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
      r = write_converted(repo, out, 0);
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

/* A part's relations (pool->rels, in the order its parse created them), for the join to create in
 * the same order. repo_write orders relations by use and then by id, so only relations created in
 * the whole file's order give the whole file's .solv. Per relation: flags, then name and evr, each
 * a u32 (0xffffffff: none; high bit: an earlier relation's index; else a string's byte length
 * followed by its bytes). */
static void write_rel_operand(Pool *pool, FILE *fp, Id id)
{
  unsigned int v;
  if (!id)
    v = 0xffffffffu;
  else if (ISRELDEP(id))
    v = 0x80000000u | (unsigned int)GETRELID(id);
  else
    v = (unsigned int)strlen(pool_id2str(pool, id));
  fwrite(&v, sizeof(v), 1, fp);
  if (id && !ISRELDEP(id))
    fwrite(pool_id2str(pool, id), 1, v, fp);
}

static int write_rels(Repo *repo, const char *path)
{
  Pool *pool = repo->pool;
  FILE *fp = fopen(path, "w");
  if (!fp)
    return glue_fail("write-failed", "cannot create %s", path);
  /* first the repodata keys in the order the parse met them: repo_write numbers keys that way */
  unsigned int nkeys = 0;
  Repodata *data;
  int i;
  FOR_REPODATAS(repo, i, data)
    nkeys += data->nkeys > 1 ? data->nkeys - 1 : 0;
  fwrite(&nkeys, sizeof(nkeys), 1, fp);
  FOR_REPODATAS(repo, i, data)
    for (int k = 1; k < data->nkeys; k++)
      {
        Repokey *key = data->keys + k;
        unsigned int storage = (unsigned int)key->storage;
        write_rel_operand(pool, fp, key->name);
        write_rel_operand(pool, fp, key->type);
        fwrite(&storage, sizeof(storage), 1, fp);
        if (key->type == REPOKEY_TYPE_CONSTANTID)
          write_rel_operand(pool, fp, key->size);
        else
          fwrite(&key->size, sizeof(key->size), 1, fp);
      }
  /* then the file dependencies in the order of first use, which the join records in the same order */
  Queue files;
  queue_init(&files);
  pool_addfileprovides_queue(pool, &files, 0);
  unsigned int nfiles = (unsigned int)files.count;
  fwrite(&nfiles, sizeof(nfiles), 1, fp);
  for (int f = 0; f < files.count; f++)
    write_rel_operand(pool, fp, ISRELDEP(files.elements[f]) ? 0 : files.elements[f]);
  queue_free(&files);
  for (Id i = 1; i < pool->nrels; i++)
    {
      Reldep *rd = pool->rels + i;
      unsigned int flags = (unsigned int)rd->flags;
      fwrite(&flags, sizeof(flags), 1, fp);
      write_rel_operand(pool, fp, rd->name);
      write_rel_operand(pool, fp, rd->evr);
    }
  if (fclose(fp))
    return glue_fail("write-failed", "writing %s failed", path);
  return 0;
}

static int read_rel_operand(Pool *pool, const unsigned char **p, const unsigned char *end, const Id *map, Id count, Id *out)
{
  unsigned int v;
  if (end - *p < (long)sizeof(v))
    return -1;
  memcpy(&v, *p, sizeof(v));
  *p += sizeof(v);
  if (v == 0xffffffffu)
    *out = 0;
  else if (v & 0x80000000u)
    {
      Id local = (Id)(v & 0x7fffffffu);
      if (local < 1 || local >= count)
        return -1;
      *out = map[local];
    }
  else
    {
      if ((unsigned long)(end - *p) < v)
        return -1;
      *out = pool_strn2id(pool, (const char *)*p, v, 1);
      *p += v;
    }
  return 0;
}

/* Registers the keys of the file at P (see write_rels) in ORDER, in their order; FILTEREDFILELIST,
 * which the rpm-md parser sets after the last package, is left for the caller to add last. */
static int read_keys(Pool *pool, const unsigned char **p, const unsigned char *end, Repodata *order, Repokey *filtered)
{
  unsigned int nkeys;
  if (end - *p < (long)sizeof(nkeys))
    return -1;
  memcpy(&nkeys, *p, sizeof(nkeys));
  *p += sizeof(nkeys);
  for (unsigned int k = 0; k < nkeys; k++)
    {
      Repokey key;
      Id name, type, size;
      unsigned int storage;
      if (read_rel_operand(pool, p, end, 0, 0, &name) || read_rel_operand(pool, p, end, 0, 0, &type) || end - *p < (long)sizeof(storage))
        return -1;
      memcpy(&storage, *p, sizeof(storage));
      *p += sizeof(storage);
      if (type == REPOKEY_TYPE_CONSTANTID)
        {
          if (read_rel_operand(pool, p, end, 0, 0, &size))
            return -1;
        }
      else
        {
          if (end - *p < (long)sizeof(size))
            return -1;
          memcpy(&size, *p, sizeof(size));
          *p += sizeof(size);
        }
      key.name = name;
      key.type = type;
      key.size = size;
      key.storage = storage;
      if (name == REPOSITORY_FILTEREDFILELIST)
        *filtered = key;
      else
        repodata_key2id(order, &key, 1);
    }
  return 0;
}

/* Creates the relations of the file at PATH (see write_rels) in POOL, in their order, after
 * registering its keys in ORDER and adding its file dependencies to FILES. */
static int create_rels(Pool *pool, const char *path, Repodata *order, Repokey *filtered, Queue *files)
{
  FILE *fp = open_input(path, "relations");
  if (!fp)
    return -1;
  unsigned char *data = 0;
  size_t len = 0, cap = 0, n;
  do
    {
      if (len == cap)
        data = solv_realloc(data, cap = cap ? cap * 2 : 65536);
      n = fread(data + len, 1, cap - len, fp);
      len += n;
    }
  while (n);
  fclose(fp);
  const unsigned char *p = data, *end = data + len;
  Id count = 1, cap_map = 1024;
  Id *map = solv_calloc(cap_map, sizeof(Id));
  int r = read_keys(pool, &p, end, order, filtered);
  unsigned int nfiles = 0;
  if (!r && end - p >= (long)sizeof(nfiles))
    {
      memcpy(&nfiles, p, sizeof(nfiles));
      p += sizeof(nfiles);
    }
  else
    r = -1;
  for (unsigned int f = 0; !r && f < nfiles; f++)
    {
      Id file;
      r = read_rel_operand(pool, &p, end, 0, 0, &file);
      if (!r && file)
        queue_pushunique(files, file);
    }
  while (!r && p < end)
    {
      unsigned int flags;
      Id name, evr;
      if (end - p < (long)sizeof(flags))
        {
          r = -1;
          break;
        }
      memcpy(&flags, p, sizeof(flags));
      p += sizeof(flags);
      if (read_rel_operand(pool, &p, end, map, count, &name) || read_rel_operand(pool, &p, end, map, count, &evr))
        {
          r = -1;
          break;
        }
      if (count == cap_map)
        map = solv_realloc2(map, cap_map *= 2, sizeof(Id));
      map[count++] = pool_rel2id(pool, name, evr, (int)flags, 1);
    }
  solv_free(map);
  solv_free(data);
  return r ? glue_fail("bad-solv", "relations file %s is damaged", path) : 0;
}

/* Parses one part of a split primary.xml (a whole <metadata> document holding some of its packages)
 * in a pool of its own; writes it as plain .solv to OUT and its relations to RELS_OUT, for
 * azl_merge_solv_parts to join. */
AZL_EXPORT(azl_convert_rpmmd_part) int azl_convert_rpmmd_part(const char *primary, const char *out, const char *rels_out)
{
  Pool *pool = pool_create();
  Repo *repo = repo_create(pool, "part");
  int r = add_rpmmd_file(repo, primary, "primary", REPO_NO_INTERNALIZE);
  if (!r)
    {
      repo_internalize(repo);
      FILE *fp = fopen(out, "w");
      if (!fp)
        r = glue_fail("write-failed", "cannot create %s", out);
      else
        {
          int w = repo_write(repo, fp);
          if (fclose(fp) || w)
            r = glue_fail("write-failed", "writing %s failed: %s", out, pool_errstr(pool));
        }
    }
  if (!r)
    r = write_rels(repo, rels_out);
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

/* The next line of LIST (newline-separated paths) into PATH; 0 at the end, -1 when a line is too long. */
static int next_path(const char **list, char *path, size_t size)
{
  while (**list == '\n')
    (*list)++;
  if (!**list)
    return 0;
  const char *end = strchr(*list, '\n');
  size_t len = end ? (size_t)(end - *list) : strlen(*list);
  if (len >= size)
    return -1;
  memcpy(path, *list, len);
  path[len] = 0;
  *list += len;
  return 1;
}

/* Joins the parts of a split primary.xml (PARTS: their .solv paths, RELS: their relation files, one
 * per line, in file order) into one repository, adds updateinfo (may be ""), and writes it to OUT
 * as azl_convert_rpmmd writes the whole file: the same bytes, since the relations are created in
 * the whole file's order before any part is loaded. */
AZL_EXPORT(azl_merge_solv_parts) int azl_merge_solv_parts(const char *parts, const char *rels, const char *updateinfo, const char *out)
{
  Pool *pool = pool_create();
  Repo *repo = repo_create(pool, "convert");
  int r = 0, more;
  char path[1024];
  /* an empty first repodata holds the keys in the whole file's order, since repo_write numbers
   * them in the order it meets them across the repodatas */
  Repodata *order = repo_add_repodata(repo, 0);
  Repokey filtered = { 0 };
  Queue files;
  queue_init(&files);
  while (!r && (more = next_path(&rels, path, sizeof(path))) != 0)
    r = more < 0 ? glue_fail("missing-file", "part path too long") : create_rels(pool, path, order, &filtered, &files);
  if (!r && filtered.name)
    repodata_key2id(order, &filtered, 1);
  while (!r && (more = next_path(&parts, path, sizeof(path))) != 0)
    {
      if (more < 0)
        {
          r = glue_fail("missing-file", "part path too long");
          break;
        }
      FILE *fp = open_input(path, "solv part");
      if (!fp)
        {
          r = -1;
          break;
        }
      if (repo_add_solv(repo, fp, 0))
        r = glue_fail("bad-solv", "solv part: %s", pool_errstr(pool));
      fclose(fp);
    }
  if (!r && *updateinfo)
    r = add_rpmmd_file(repo, updateinfo, "updateinfo", REPO_NO_INTERNALIZE);
  if (!r)
    {
      repo_internalize(repo);
      r = write_converted(repo, out, &files);
    }
  queue_free(&files);
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
