/* Full package records (facts and every dependency list) for packages built from given source
 * packages: what the image layer needs to write a shadow repository with overlay changes applied. */
#include <stdlib.h>
#include <string.h>

#include "chksum.h"
#include "knownid.h"
#include "pool.h"
#include "repo.h"
#include "repodata.h"
#include "solvable.h"

#include "glue.h"

static const struct { Id key; const char *name; } dep_keys[] = {
  { SOLVABLE_PROVIDES, "provides" },
  { SOLVABLE_REQUIRES, "requires" },
  { SOLVABLE_CONFLICTS, "conflicts" },
  { SOLVABLE_OBSOLETES, "obsoletes" },
  { SOLVABLE_RECOMMENDS, "recommends" },
  { SOLVABLE_SUGGESTS, "suggests" },
  { SOLVABLE_SUPPLEMENTS, "supplements" },
  { SOLVABLE_ENHANCES, "enhances" },
  { 0, 0 },
};

static const char *flags2str(int flags)
{
  static const char *names[] = { "", "GT", "EQ", "GE", "LT", "NE", "LE", "" };
  return names[flags & 7];
}

/* one dependency: {"name","flags","evr"} for a plain versioned dep, {"name"} otherwise (rich deps as text) */
static void emit_dep(Id dep, int pre)
{
  Pool *pool = G.pool;
  JsonBuf *b = &G.out;
  jb_char(b, '{');
  if (ISRELDEP(dep))
    {
      Reldep *rd = GETRELDEP(pool, dep);
      if (rd->flags >= 1 && rd->flags <= 7 && !ISRELDEP(rd->name))
        {
          jb_kstr(b, "name", pool_id2str(pool, rd->name), 1);
          jb_kstr(b, "flags", flags2str(rd->flags), 0);
          jb_kstr(b, "evr", pool_id2str(pool, rd->evr), 0);
        }
      else
        jb_kstr(b, "name", pool_dep2str(pool, dep), 1);
    }
  else
    jb_kstr(b, "name", pool_id2str(pool, dep), 1);
  if (pre)
    jb_raw(b, ",\"pre\":true");
  jb_char(b, '}');
}

static void emit_deps(Solvable *s, Id key, const char *name)
{
  JsonBuf *b = &G.out;
  Queue q;
  queue_init(&q);
  /* provides: only the package's own, not the file provides pool_addfileprovides appended after
   * SOLVABLE_FILEMARKER (a .solv written as rpmmd2solv does carries them, and so does any pool that
   * was solved once) */
  solvable_lookup_deparray(s, key, &q, key == SOLVABLE_PROVIDES ? -1 : 0);
  jb_key(b, name, 0);
  jb_char(b, '[');
  int pre = 0, first = 1;
  for (int i = 0; i < q.count; i++)
    {
      if (q.elements[i] == SOLVABLE_PREREQMARKER)
        {
          pre = 1;
          continue;
        }
      if (!first)
        jb_char(b, ',');
      first = 0;
      emit_dep(q.elements[i], key == SOLVABLE_REQUIRES && pre);
    }
  jb_char(b, ']');
  queue_free(&q);
}

/* "files": the file list primary.xml carried for the package (libsolv keeps it as SOLVABLE_FILELIST) */
static void emit_files(Pool *pool, Id p)
{
  JsonBuf *b = &G.out;
  Dataiterator di;
  int first = 1;
  jb_key(b, "files", 0);
  jb_char(b, '[');
  dataiterator_init(&di, pool, pool->solvables[p].repo, p, SOLVABLE_FILELIST, 0, 0);
  while (dataiterator_step(&di))
    {
      if (!first)
        jb_char(b, ',');
      first = 0;
      jb_str(b, repodata_dir2str(di.data, di.kv.id, di.kv.str));
    }
  dataiterator_free(&di);
  jb_char(b, ']');
}

/* the name of the source package P was built from */
static const char *source_name(Solvable *s)
{
  const char *name = solvable_lookup_str(s, SOLVABLE_SOURCENAME);
  return name ? name : pool_id2str(s->repo->pool, s->name);
}

/* Lists every package (in every loaded repository) built from one of the source package names
 * given one per line in SOURCES, with its facts and all dependency lists. */
AZL_EXPORT(azl_packages_from_sources) int azl_packages_from_sources(const char *sources)
{
  if (!G.pool)
    return glue_fail("no-pool", "the resolver was not initialised (call init first)");
  Pool *pool = G.pool;
  JsonBuf *b = &G.out;
  jb_reset(b);
  jb_raw(b, "{\"ok\":true,\"packages\":[");
  int first = 1;
  size_t wantlen = strlen(sources);
  for (Id p = 2; p < pool->nsolvables; p++)
    {
      Solvable *s = pool->solvables + p;
      if (!s->repo || s->repo == pool->installed || s->arch == ARCH_SRC || s->arch == ARCH_NOSRC)
        continue;
      const char *src = source_name(s);
      size_t n = strlen(src);
      const char *hit = sources;
      int found = 0;
      while ((hit = strstr(hit, src)) != 0)
        {
          if ((hit == sources || hit[-1] == '\n') && (hit[n] == '\n' || hit[n] == 0))
            {
              found = 1;
              break;
            }
          hit += n;
          if (hit >= sources + wantlen)
            break;
        }
      if (!found)
        continue;
      if (!first)
        jb_char(b, ',');
      first = 0;
      Id chktype = 0;
      const char *chk = solvable_lookup_checksum(s, SOLVABLE_CHECKSUM, &chktype);
      jb_char(b, '{');
      jb_kstr(b, "nevra", pool_solvid2str(pool, p), 1);
      jb_kstr(b, "name", pool_id2str(pool, s->name), 0);
      jb_kstr(b, "evr", pool_id2str(pool, s->evr), 0);
      jb_kstr(b, "arch", pool_id2str(pool, s->arch), 0);
      jb_kstr(b, "repo", s->repo->name, 0);
      jb_kstr(b, "sourceName", src, 0);
      jb_kstr(b, "sourcerpm", solvable_lookup_sourcepkg(s), 0);
      jb_kstr(b, "summary", solvable_lookup_str(s, SOLVABLE_SUMMARY), 0);
      jb_kstr(b, "description", solvable_lookup_str(s, SOLVABLE_DESCRIPTION), 0);
      jb_kstr(b, "license", solvable_lookup_str(s, SOLVABLE_LICENSE), 0);
      jb_kstr(b, "location", solvable_lookup_location(s, 0), 0);
      jb_kstr(b, "checksumType", chk ? solv_chksum_type2str(chktype) : "", 0);
      jb_kstr(b, "checksum", chk, 0);
      jb_kint(b, "downloadSize", (long long)solvable_lookup_num(s, SOLVABLE_DOWNLOADSIZE, 0), 0);
      jb_kint(b, "installSize", (long long)solvable_lookup_num(s, SOLVABLE_INSTALLSIZE, 0), 0);
      for (int k = 0; dep_keys[k].name; k++)
        emit_deps(s, dep_keys[k].key, dep_keys[k].name);
      emit_files(pool, p);
      jb_char(b, '}');
    }
  jb_raw(b, "]}");
  return 0;
}
