/* rpmmd.wasm's exports: rpm-md XML (primary, filelists, updateinfo) into .solv, each in a pool of
 * its own, so resolver.wasm never links an XML parser. Fetched only when XML is actually parsed:
 * the bundled packs and a warm start give the resolver .solv directly. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "repo.h"
#include "repo_rpmmd.h"
#include "repo_solv.h"
#include "repo_updateinfoxml.h"

#include "glue.h"

/* repo_add_rpmmd of the primary.xml or filelists.xml at PATH; -1 with a bad-xml failure */
static int glue_add_rpmmd(Repo *repo, const char *path, const char *what, int flags)
{
  FILE *fp = glue_open_input(path, what);
  if (!fp)
    return -1;
  int r = repo_add_rpmmd(repo, fp, 0, flags);
  fclose(fp);
  if (r)
    return glue_fail("bad-xml", "%s: %s", what, pool_errstr(repo->pool));
  return 0;
}

/* Adds the rpm-md file at PATH to REPO: updateinfo when WHAT says so, else primary or filelists. */
static int add_rpmmd_file(Repo *repo, const char *path, const char *what, int flags)
{
  if (what[0] != 'u')
    return glue_add_rpmmd(repo, path, what, flags);
  FILE *fp = glue_open_input(path, what);
  if (!fp)
    return -1;
  int r = repo_add_updateinfoxml(repo, fp, flags);
  fclose(fp);
  if (r)
    return glue_fail("bad-xml", "%s: %s", what, pool_errstr(repo->pool));
  return 0;
}

typedef struct
{
  const char *primary;
  const char *updateinfo;
} RpmmdPaths;

static int add_rpmmd_paths(Repo *repo, const void *input)
{
  const RpmmdPaths *paths = input;
  return add_rpmmd_file(repo, paths->primary, "primary", REPO_NO_INTERNALIZE)
         || (*paths->updateinfo && add_rpmmd_file(repo, paths->updateinfo, "updateinfo", REPO_NO_INTERNALIZE));
}

/* Parses rpm-md files (primary required, updateinfo may be "") in a pool of their own and writes
 * them as .solv to OUT. The bytes depend on the files alone, never on what else is loaded, and
 * equal rpmmd2solv's for a primary.xml. */
AZL_EXPORT(azl_convert_rpmmd) int azl_convert_rpmmd(const char *primary, const char *updateinfo, const char *out)
{
  RpmmdPaths paths = {primary, updateinfo};
  return glue_convert_alone(out, add_rpmmd_paths, &paths);
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
  FILE *fp = glue_open_input(path, "relations");
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
      r = glue_write_solv(repo, out);
    }
  if (!r)
    r = write_rels(repo, rels_out);
  int solvables = repo->nsolvables;
  pool_free(pool);
  return r ? -1 : glue_reply_solvables(0, solvables, -1);
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

/* The join of one split primary.xml in progress (azl_join_begin, azl_join_part, azl_join_end): the
 * parts go in one by one, in file order, as they are converted, so only the write is left once the
 * last one arrives. One join per instance at a time. */
static struct
{
  Pool *pool;
  Repo *repo;
  /* an empty first repodata holding the keys in the whole file's order, since repo_write numbers
   * them in the order it meets them across the repodatas; by id, as each part loaded adds a
   * repodata and may move them all */
  Id order;
  /* FILTEREDFILELIST, which the rpm-md parser sets after the last package: registered last */
  Repokey filtered;
  /* the file dependencies in the whole file's order of first use */
  Queue files;
} J;

static void join_free(void)
{
  if (J.pool)
    pool_free(J.pool);
  queue_free(&J.files);
  memset(&J, 0, sizeof(J));
}

/* Starts a join, dropping one left unfinished. */
AZL_EXPORT(azl_join_begin) int azl_join_begin(void)
{
  join_free();
  J.pool = pool_create();
  J.repo = repo_create(J.pool, "convert");
  J.order = repo_add_repodata(J.repo, 0)->repodataid;
  queue_init(&J.files);
  return glue_reply_solvables(0, 0, -1);
}

/* Adds the next part (its .solv at SOLV, its relations at RELS). Its relations are created before
 * it is loaded, and every earlier part's before them, so the pool creates them in the whole file's
 * order: the order the one-piece parse creates them in, which repo_write's ties depend on. */
AZL_EXPORT(azl_join_part) int azl_join_part(const char *solv, const char *rels)
{
  if (!J.pool)
    return glue_fail("no-join", "azl_join_part without azl_join_begin");
  if (create_rels(J.pool, rels, repo_id2repodata(J.repo, J.order), &J.filtered, &J.files))
    return -1;
  FILE *fp = glue_open_input(solv, "solv part");
  if (!fp)
    return -1;
  int r = repo_add_solv(J.repo, fp, 0);
  fclose(fp);
  if (r)
    return glue_fail("bad-solv", "solv part: %s", pool_errstr(J.pool));
  return glue_reply_solvables(0, J.repo->nsolvables, -1);
}

/* Ends the join: adds updateinfo (UPDATEINFO, may be "") and writes the repository to OUT as
 * azl_convert_rpmmd writes the whole file, byte for byte. */
AZL_EXPORT(azl_join_end) int azl_join_end(const char *updateinfo, const char *out)
{
  if (!J.pool)
    return glue_fail("no-join", "azl_join_end without azl_join_begin");
  int r = 0;
  if (J.filtered.name)
    repodata_key2id(repo_id2repodata(J.repo, J.order), &J.filtered, 1);
  if (*updateinfo)
    r = add_rpmmd_file(J.repo, updateinfo, "updateinfo", REPO_NO_INTERNALIZE);
  if (!r)
    {
      repo_internalize(J.repo);
      r = glue_write_converted(J.repo, out, &J.files);
    }
  int solvables = J.repo->nsolvables;
  join_free();
  return r ? -1 : glue_reply_solvables(0, solvables, -1);
}

/* Joins the parts of a split primary.xml all at once (PARTS: their .solv paths, RELS: their relation
 * files, one per line, in file order) with updateinfo (may be ""), written to OUT: azl_join_begin,
 * azl_join_part for each, azl_join_end. */
AZL_EXPORT(azl_merge_solv_parts) int azl_merge_solv_parts(const char *parts, const char *rels, const char *updateinfo, const char *out)
{
  char solv_path[1024], rels_path[1024];
  int r = azl_join_begin(), more_solv, more_rels;
  while (!r)
    {
      more_solv = next_path(&parts, solv_path, sizeof(solv_path));
      more_rels = next_path(&rels, rels_path, sizeof(rels_path));
      if (!more_solv && !more_rels)
        break;
      if (more_solv <= 0 || more_rels <= 0)
        r = glue_fail("missing-file", "the part lists differ in length, or a path is too long");
      else
        r = azl_join_part(solv_path, rels_path);
    }
  if (r)
    {
      join_free();
      return -1;
    }
  return azl_join_end(updateinfo, out);
}

/* Reads the .solv at SOLV_IN in a pool of its own, extends its packages with the file lists of
 * FILELISTS (dnf loads them only when a file dependency needs them) and writes the result to OUT,
 * for the resolver to load in place of the repository it extends. */
AZL_EXPORT(azl_extend_filelists) int azl_extend_filelists(const char *solv_in, const char *filelists, const char *out)
{
  Pool *pool = pool_create();
  Repo *repo = repo_create(pool, "extend");
  int r = 0;
  FILE *fp = glue_open_input(solv_in, "solv");
  if (!fp)
    r = -1;
  else
    {
      if (repo_add_solv(repo, fp, 0))
        r = glue_fail("bad-solv", "solv: %s", pool_errstr(pool));
      fclose(fp);
    }
  if (!r)
    {
      /* the recorded file provides were found in primary's file subset; with whole file lists the
       * same file dependencies can have more providers, so the repository must be searched again */
      Repodata *recorded = repo_lookup_repodata(repo, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES);
      if (recorded)
        {
          repodata_unset(recorded, SOLVID_META, REPOSITORY_ADDEDFILEPROVIDES);
          repodata_internalize(recorded);
        }
      r = add_rpmmd_file(repo, filelists, "filelists", REPO_EXTEND_SOLVABLES);
    }
  if (!r)
    r = glue_write_solv(repo, out);
  int solvables = repo->nsolvables;
  pool_free(pool);
  return r ? -1 : glue_reply_solvables(0, solvables, -1);
}
