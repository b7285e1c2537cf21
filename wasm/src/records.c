/* Package records the app made itself (the overlay shadow repository) into .solv, with libsolv's own
 * API and no XML: the app sends them as lines (src/lib/resolve/record-lines.ts), and each value is
 * given to the call libsolv's rpm-md reader (ext/repo_rpmmd.c) makes for it, in the order that
 * reader makes them, so the .solv equals the one rpmmd.wasm writes from the same packages' primary.xml.
 *
 * Lines, fields separated by tabs; in a field "\\" is a backslash, "\t" a tab, "\n" a line feed and
 * "\r" a carriage return:
 *   P name arch evr checksum-type checksum-hex summary description install-size download-size location license sourcerpm
 *   D list name flags evr pre      (list: provides … supplements; flags "" = unversioned; pre "1"/"0")
 *   F path
 * D and F lines belong to the P line before them. */
#include <stdlib.h>
#include <string.h>

#include "chksum.h"
#include "pool.h"
#include "repo.h"
#include "repodata.h"
#include "pool_parserpmrichdep.h"

#include "glue.h"

#define MAX_FIELDS 13

/* Splits LINE at tabs into FIELDS (at most MAX_FIELDS), undoing the escapes in place; the field count. */
static int split_fields(char *line, char **fields)
{
  int n = 0;
  char *field = line;
  for (;;)
    {
      char *tab = strchr(field, '\t');
      if (tab)
        *tab = 0;
      if (n == MAX_FIELDS)
        return MAX_FIELDS + 1;
      fields[n++] = field;
      char *out = field;
      for (const char *in = field; *in; in++)
        {
          if (*in == '\\' && in[1])
            {
              in++;
              *out++ = *in == 't' ? '\t' : *in == 'n' ? '\n' : *in == 'r' ? '\r' : *in;
            }
          else
            *out++ = *in;
        }
      *out = 0;
      if (!tab)
        return n;
      field = tab + 1;
    }
}

static Offset *dep_list(Solvable *s, const char *list)
{
  if (!strcmp(list, "provides")) return &s->provides;
  if (!strcmp(list, "requires")) return &s->requires;
  if (!strcmp(list, "conflicts")) return &s->conflicts;
  if (!strcmp(list, "obsoletes")) return &s->obsoletes;
  if (!strcmp(list, "recommends")) return &s->recommends;
  if (!strcmp(list, "suggests")) return &s->suggests;
  if (!strcmp(list, "supplements")) return &s->supplements;
  if (!strcmp(list, "enhances")) return &s->enhances;
  return 0;
}

/* rpm-md's comparison names as libsolv's REL_* bits; 0 for an unknown name (what rpm-md gives it) */
static int rel_flags(const char *flags)
{
  if (!strcmp(flags, "GT")) return REL_GT;
  if (!strcmp(flags, "EQ")) return REL_EQ;
  if (!strcmp(flags, "GE")) return REL_GT | REL_EQ;
  if (!strcmp(flags, "LT")) return REL_LT;
  if (!strcmp(flags, "NE")) return REL_LT | REL_GT;
  if (!strcmp(flags, "LE")) return REL_LT | REL_EQ;
  return 0;
}

/* An empty EVR is none (0), as rpm-md gives a dependency whose epoch, ver and rel are all empty. */
static Id evr_id(Pool *pool, const char *evr)
{
  return *evr ? pool_str2id(pool, evr, 1) : 0;
}

/* rpm-md's description: SUSE packages append "Authors:" after a dashed line, which becomes
 * SOLVABLE_AUTHORS (one author a line, leading blanks dropped) and leaves the text before it. */
static void set_description(Repodata *data, Id p, char *text)
{
  if (!*text)
    return;
  static const char mark[] = "\nAuthors:\n--------\n";
  char *authors = strstr(text, mark);
  if (!authors)
    {
      repodata_set_str(data, p, SOLVABLE_DESCRIPTION, text);
      return;
    }
  char *end = authors;
  while (end > text && end[-1] == '\n')
    end--;
  *end = 0;
  if (*text)
    repodata_set_str(data, p, SOLVABLE_DESCRIPTION, text);
  const char *in = authors + sizeof(mark) - 1;
  while (*in == ' ' || *in == '\n')
    in++;
  char *out = text;
  while (*in)
    {
      *out++ = *in;
      if (*in++ == '\n')
        while (*in == ' ')
          in++;
    }
  while (out > text && out[-1] == '\n')
    out--;
  *out = 0;
  if (*text)
    repodata_set_str(data, p, SOLVABLE_AUTHORS, text);
}

/* A file of package P: its directory (with a leading "/" added when missing, "/" when there is
 * none) and base name, as rpm-md stores file lists. */
static void add_file(Repodata *data, Id p, char *path)
{
  char *slash = strrchr(path, '/');
  Id dir;
  const char *base = path;
  if (!slash)
    dir = repodata_str2dir(data, "/", 1);
  else
    {
      *slash = 0;
      base = slash + 1;
      if (path[0] == '/')
        dir = repodata_str2dir(data, path, 1);
      else
        {
          char *rooted = solv_dupjoin("/", path, 0);
          dir = repodata_str2dir(data, rooted, 1);
          solv_free(rooted);
        }
    }
  repodata_add_dirstr(data, p, SOLVABLE_FILELIST, dir, base);
}

/* What rpm-md does when a package ends: noarch and the empty EVR as defaults, the package's
 * provide of itself (not for source packages), and libsolv's rewrite of SUSE-style supplements. */
static void finish_package(Repo *repo, Solvable *s)
{
  Pool *pool = repo->pool;
  if (!s->arch)
    s->arch = ARCH_NOARCH;
  if (!s->evr)
    s->evr = ID_EMPTY;
  if (s->name && s->arch != ARCH_SRC && s->arch != ARCH_NOSRC)
    s->provides = repo_addid_dep(repo, s->provides, pool_rel2id(pool, s->name, s->evr, REL_EQ, 1), 0);
  repo_rewrite_suse_deps(s, 0);
}

/* A P line's fields (after the "P") into a new solvable; 0, or -1 with the failure in G.out. */
static int add_package(Repodata *data, Id p, char **f, int line)
{
  Pool *pool = data->repo->pool;
  Solvable *s = pool_id2solvable(pool, p);
  s->name = pool_str2id(pool, f[0], 1);
  s->arch = pool_str2id(pool, f[1], 1);
  s->evr = evr_id(pool, f[2]);
  Id type = *f[3] ? solv_chksum_str2type(f[3]) : 0;
  if (!type)
    return glue_fail("bad-record", "line %d: unknown checksum type: %s", line, f[3]);
  unsigned char sum[256];
  int len = solv_chksum_len(type);
  const char *hex = f[4];
  if (len <= 0 || len > (int)sizeof(sum) || solv_hex2bin(&hex, sum, len) != len || f[4][2 * len])
    return glue_fail("bad-record", "line %d: invalid %s checksum", line, solv_chksum_type2str(type));
  repodata_set_bin_checksum(data, p, SOLVABLE_CHECKSUM, type, sum);
  repodata_set_str(data, p, SOLVABLE_SUMMARY, f[5]);
  set_description(data, p, f[6]);
  repodata_set_num(data, p, SOLVABLE_INSTALLSIZE, strtoull(f[7], 0, 10));
  repodata_set_num(data, p, SOLVABLE_DOWNLOADSIZE, strtoull(f[8], 0, 10));
  repodata_set_location(data, p, 0, 0, f[9]);
  repodata_set_poolstr(data, p, SOLVABLE_LICENSE, f[10]);
  if (*f[11])
    repodata_set_sourcepkg(data, p, f[11]);
  return 0;
}

/* A D line's fields (after the "D") onto solvable S; 0, or -1 with the failure in G.out. */
static int add_dep(Repo *repo, Solvable *s, char **f, int line)
{
  Pool *pool = repo->pool;
  Offset *list = dep_list(s, f[0]);
  if (!list)
    return glue_fail("bad-record", "line %d: unknown dependency list '%s'", line, f[0]);
  int isreq = list == &s->requires;
  /* requires are split into those needed before the package's scriptlets run and the others */
  Id marker = isreq ? (f[4][0] == '1' ? SOLVABLE_PREREQMARKER : -SOLVABLE_PREREQMARKER) : 0;
  Id id;
  if (!*f[2] && f[1][0] == '(')
    {
      /* a rich dependency libsolv cannot parse is dropped, as rpm-md drops it */
      id = pool_parserpmrichdep(pool, f[1]);
      if (!id)
        return 0;
    }
  else
    id = pool_str2id(pool, f[1], 1);
  if (*f[2])
    id = pool_rel2id(pool, id, evr_id(pool, f[3]), rel_flags(f[2]), 1);
  *list = repo_addid_dep(repo, *list, id, marker);
  return 0;
}

/* Builds REPO's packages from LINES; 0, or -1 with the failure in G.out. */
static int add_records(Repo *repo, char *lines)
{
  Repodata *data = repo_add_repodata(repo, REPO_NO_INTERNALIZE);
  Solvable *s = 0;
  Id p = 0;
  int lineno = 0;
  char *fields[MAX_FIELDS + 1];
  for (char *line = lines, *next; line; line = next)
    {
      next = strchr(line, '\n');
      if (next)
        *next++ = 0;
      else if (!*line)
        break; /* after the last line's line feed */
      lineno++;
      int n = split_fields(line, fields);
      const char *kind = fields[0];
      if (!strcmp(kind, "P") && n == 13)
        {
          if (s)
            finish_package(repo, s);
          p = repo_add_solvable(repo);
          s = pool_id2solvable(repo->pool, p);
          if (add_package(data, p, fields + 1, lineno))
            return -1;
        }
      else if (!strcmp(kind, "D") && n == 6 && s)
        {
          if (add_dep(repo, s, fields + 1, lineno))
            return -1;
        }
      else if (!strcmp(kind, "F") && n == 2 && s)
        add_file(data, p, fields[1]);
      else
        return glue_fail("bad-record", "line %d: expected a P line of 13 fields, or a D line of 6 or an F line of 2 after one", lineno);
    }
  if (s)
    finish_package(repo, s);
  repodata_free_dircache(data);
  /* a primary.xml's file list is only part of the packages' files (rpm-md marks it so too) */
  if (data->end > data->start)
    {
      repodata_set_filelisttype(data, REPODATA_FILELIST_FILTERED);
      repodata_set_void(data, SOLVID_META, REPOSITORY_FILTEREDFILELIST);
    }
  return 0;
}

static int add_record_lines(Repo *repo, const void *input)
{
  /* add_records cuts the lines in place */
  char *copy = solv_strdup(input);
  int r = add_records(repo, copy);
  solv_free(copy);
  return r;
}

/* Builds the packages in LINES in a pool of their own and writes them to OUT as .solv: the bytes
 * rpmmd.wasm's azl_convert_rpmmd writes for the same packages' primary.xml. */
AZL_EXPORT(azl_convert_records) int azl_convert_records(const char *lines, const char *out)
{
  return glue_convert_alone(out, add_record_lines, lines);
}
