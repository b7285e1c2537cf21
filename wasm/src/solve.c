/* Solving a fresh-install request the way dnf5 does: the request arrives as tab-separated lines
 *   option \t weak|best|multilib \t 0|1
 *   exclude \t GLOB                 (dnf excludepkgs: matching packages become unavailable)
 *   installonly \t PROVIDE          (dnf installonlypkgs: multiversion)
 *   install \t TAG \t SPEC          (name, provide, name.arch, NEVRA, "name >= 1.2", /file/path)
 *   group \t TAG \t NAME \t TYPE [\t REQUIRES]   (a comps group member; TYPE conditional uses REQUIRES)
 * TAGs come back in the result so the caller can say why each package is there. */
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

#include "pool.h"
#include "poolarch.h"
#include "selection.h"
#include "solver.h"
#include "solverdebug.h"
#include "testcase.h"

#include "glue.h"

typedef struct {
  int weak;
  int best;
  int multilib;
  /* the details generation whose packages the caller keeps (0: none), see report_transaction */
  int known;
} SolveOptions;

static int add_tag(const char *tag)
{
  G.tags = realloc(G.tags, (G.ntags + 1) * sizeof(char *));
  G.tags[G.ntags] = strdup(tag);
  return G.ntags++;
}

static void push_job(Id how, Id what, int tag)
{
  queue_push2(&G.jobs, how, what);
  queue_push(&G.jobtags, tag);
}

/* splits LINE in place at tabs; returns the number of fields */
static int split_tabs(char *line, char **fields, int max)
{
  int n = 0;
  fields[n++] = line;
  for (char *c = line; *c && n < max; c++)
    if (*c == '\t')
      {
        *c = 0;
        fields[n++] = c + 1;
      }
  return n;
}

/* dnf matches excludepkgs patterns against the name and the NEVRA forms of a package */
static int exclude_matches(Pool *pool, Solvable *s, Queue *globs)
{
  const char *name = pool_id2str(pool, s->name);
  const char *nevra = 0, *name_arch = 0;
  for (int i = 0; i < globs->count; i++)
    {
      const char *glob = pool_id2str(pool, globs->elements[i]);
      if (!fnmatch(glob, name, 0))
        return 1;
      if (!strpbrk(glob, ".-"))
        continue;
      if (!nevra)
        {
          nevra = pool_solvable2str(pool, s);
          name_arch = pool_tmpjoin(pool, name, ".", pool_id2str(pool, s->arch));
        }
      if (!fnmatch(glob, nevra, 0) || !fnmatch(glob, name_arch, 0))
        return 1;
    }
  return 0;
}

static void apply_excludes(Queue *globs)
{
  Pool *pool = G.pool;
  if (G.has_considered)
    map_free(&G.considered);
  G.has_considered = 0;
  pool->considered = 0;
  if (!globs->count)
    return;
  map_init(&G.considered, pool->nsolvables);
  map_setall(&G.considered);
  G.has_considered = 1;
  for (Id p = 2; p < pool->nsolvables; p++)
    {
      Solvable *s = pool->solvables + p;
      if (!s->repo)
        continue;
      if (exclude_matches(pool, s, globs))
        MAPCLR(&G.considered, p);
    }
  pool->considered = &G.considered;
}

/* multilib=all: one install job per architecture among the matches (dnf's multilib_policy=all) */
static void push_per_arch(Queue *sel, Id how, int tag)
{
  Pool *pool = G.pool;
  Queue q, arches, one;
  queue_init(&q);
  queue_init(&arches);
  queue_init(&one);
  selection_solvables(pool, sel, &q);
  for (int i = 0; i < q.count; i++)
    queue_pushunique(&arches, pool->solvables[q.elements[i]].arch);
  for (int a = 0; a < arches.count; a++)
    {
      queue_empty(&one);
      for (int i = 0; i < q.count; i++)
        if (pool->solvables[q.elements[i]].arch == arches.elements[a])
          queue_push(&one, q.elements[i]);
      push_job(how | SOLVER_SOLVABLE_ONE_OF, pool_queuetowhatprovides(pool, &one), tag);
    }
  queue_free(&q);
  queue_free(&arches);
  queue_free(&one);
}

/* Makes the selection for SPEC; returns 0 when it matches nothing, -1 when it matches only
 * excluded packages (dnf5: "No match for argument", all matches filtered out by excludes), else 1. */
static int selection_for(const char *spec, Queue *sel)
{
  Pool *pool = G.pool;
  int flags = SELECTION_NAME | SELECTION_PROVIDES | SELECTION_CANON | SELECTION_DOTARCH | SELECTION_REL;
  if (spec[0] == '/')
    flags |= SELECTION_FILELIST;
  queue_empty(sel);
  selection_make(pool, sel, spec, flags);
  if (!sel->count)
    return 0;
  if (!pool->considered)
    return 1;
  Queue q;
  int available = 0;
  queue_init(&q);
  selection_solvables(pool, sel, &q);
  for (int i = 0; i < q.count && !available; i++)
    available = !pool_disabled_solvable(pool, pool->solvables + q.elements[i]);
  queue_free(&q);
  return available ? 1 : -1;
}

static void emit_tag_list(const char *key, Queue *tags)
{
  jb_key(&G.out, key, 0);
  jb_char(&G.out, '[');
  for (int i = 0; i < tags->count; i++)
    {
      if (i)
        jb_char(&G.out, ',');
      jb_str(&G.out, G.tags[tags->elements[i]]);
    }
  jb_char(&G.out, ']');
}

/* Solves REQUEST (see the top of this file) against the whole pool. */
AZL_EXPORT(azl_solve) int azl_solve(const char *request)
{
  if (!G.pool)
    return glue_fail("no-pool", "the resolver was not initialised (call init first)");
  glue_free_solver();
  glue_prepare_pool();
  Pool *pool = G.pool;
  SolveOptions opt = {1, 1, 0, 0};
  Queue excludes, unmatched, excluded_only, skipped, sel;
  queue_init(&excludes);
  queue_init(&excluded_only);
  queue_init(&unmatched);
  queue_init(&skipped);
  queue_init(&sel);
  char *text = strdup(request);
  char *fields[6];

  /* pass 1: options and excludes, which selections depend on */
  for (char *line = strtok(text, "\n"); line; line = strtok(0, "\n"))
    {
      int n = split_tabs(line, fields, 6);
      if (!strcmp(fields[0], "option") && n == 3)
        {
          int v = atoi(fields[2]);
          if (!strcmp(fields[1], "weak")) opt.weak = v;
          else if (!strcmp(fields[1], "best")) opt.best = v;
          else if (!strcmp(fields[1], "multilib")) opt.multilib = v;
          else if (!strcmp(fields[1], "known")) opt.known = v;
        }
      else if (!strcmp(fields[0], "exclude") && n == 2)
        queue_push(&excludes, pool_str2id(pool, fields[1], 1));
    }
  free(text);
  apply_excludes(&excludes);

  Id install = SOLVER_INSTALL | (opt.best ? SOLVER_FORCEBEST : 0);
  int bad = 0;
  text = strdup(request);
  for (char *line = strtok(text, "\n"); line; line = strtok(0, "\n"))
    {
      int n = split_tabs(line, fields, 6);
      if (!strcmp(fields[0], "installonly") && n == 2)
        queue_push2(&G.jobs, SOLVER_MULTIVERSION | SOLVER_SOLVABLE_PROVIDES, pool_str2id(pool, fields[1], 1)),
          queue_push(&G.jobtags, add_tag("installonly"));
      else if (!strcmp(fields[0], "install") && n == 3)
        {
          int tag = add_tag(fields[1]);
          int matched = selection_for(fields[2], &sel);
          if (matched <= 0)
            {
              queue_push(&unmatched, tag);
              if (matched < 0)
                queue_push(&excluded_only, tag);
              continue;
            }
          if (opt.multilib)
            push_per_arch(&sel, install, tag);
          else
            for (int i = 0; i < sel.count; i += 2)
              push_job(install | sel.elements[i], sel.elements[i + 1], tag);
        }
      else if (!strcmp(fields[0], "group") && n >= 4)
        {
          int tag = add_tag(fields[1]);
          if (!strcmp(fields[3], "conditional") && n == 5)
            {
              /* dnf5 installs a conditional group package as the rich dependency (NAME if REQUIRES) */
              Id dep = pool_rel2id(pool, pool_str2id(pool, fields[2], 1), pool_str2id(pool, fields[4], 1), REL_COND, 1);
              push_job(install | SOLVER_SOLVABLE_PROVIDES, dep, tag);
              continue;
            }
          /* dnf skips group members that no repository has */
          if (selection_for(fields[2], &sel) <= 0)
            {
              queue_push(&skipped, tag);
              continue;
            }
          for (int i = 0; i < sel.count; i += 2)
            push_job(install | sel.elements[i], sel.elements[i + 1], tag);
        }
      else if (strcmp(fields[0], "option") && strcmp(fields[0], "exclude"))
        {
          bad = 1;
          glue_fail("bad-request", "malformed request line starting with '%s'", fields[0]);
          break;
        }
    }
  free(text);
  queue_free(&sel);
  queue_free(&excludes);
  if (bad)
    {
      queue_free(&excluded_only);
      queue_free(&unmatched);
      queue_free(&skipped);
      return -1;
    }
  if (unmatched.count)
    {
      jb_reset(&G.out);
      jb_raw(&G.out, "{\"ok\":false,\"kind\":\"no-match\"");
      emit_tag_list("unmatched", &unmatched);
      emit_tag_list("excludedOnly", &excluded_only);
      jb_char(&G.out, '}');
      queue_free(&unmatched);
      queue_free(&excluded_only);
      queue_free(&skipped);
      return 1;
    }
  queue_free(&unmatched);
  queue_free(&excluded_only);

  G.solv = solver_create(pool);
  /* libdnf's Goal: vendor changes allowed, orphans kept, best obeys policy, yum-style obsoletes */
  solver_set_flag(G.solv, SOLVER_FLAG_ALLOW_VENDORCHANGE, 1);
  solver_set_flag(G.solv, SOLVER_FLAG_KEEP_ORPHANS, 1);
  solver_set_flag(G.solv, SOLVER_FLAG_BEST_OBEY_POLICY, 1);
  solver_set_flag(G.solv, SOLVER_FLAG_YUM_OBSOLETES, 1);
  if (!opt.weak)
    solver_set_flag(G.solv, SOLVER_FLAG_IGNORE_RECOMMENDED, 1);
  double t0 = glue_now_ms();
  int nproblems = solver_solve(G.solv, &G.jobs);
  double solve_ms = glue_now_ms() - t0;
  if (nproblems)
    report_problems(nproblems, solve_ms);
  else
    report_transaction(solve_ms, &skipped, opt.known);
  queue_free(&skipped);
  return nproblems ? 2 : 0;
}

/* The readable result of the last solve in libsolv's testcase notation (testsolv -r). */
AZL_EXPORT(azl_result_text) int azl_result_text(void)
{
  if (!G.solv)
    return glue_fail("no-solve", "nothing has been solved yet");
  char *result = testcase_solverresult(G.solv, TESTCASE_RESULT_TRANSACTION | TESTCASE_RESULT_PROBLEMS);
  jb_reset(&G.out);
  jb_raw(&G.out, result ? result : "");
  solv_free(result);
  return 0;
}
