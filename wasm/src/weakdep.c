/* Why a package came in through a weak dependency, answered for a whole result at once.
 *
 * libsolv's solver_allweakdepinfos() scans every solvable of the pool to find the installed ones
 * that recommend a package, once per package asked about: for a desktop-sized result over a
 * distribution-sized pool that was most of a solve call. The installed packages are collected
 * once here (ascending ids, as libsolv visits them), and the same test runs over them only, so
 * the first recommender found is the one libsolv reports. Supplements (and the rare package
 * nothing recommends) are left to libsolv itself; solver_weakdepinfo() answers those.
 */
#include <stdlib.h>
#include <string.h>

#include "glue.h"
#include "weakdep.h"

static int cmp_id(const void *a, const void *b, void *dp)
{
  (void)dp;
  return *(const Id *)a - *(const Id *)b;
}

/* Whether libsolv's scan would skip recommender I whatever package is asked about. */
static int never_recommends(const WeakdepIndex *ix, Id i)
{
  Solvable *s = G.pool->solvables + i;
  return !s->recommends || (!ix->add_already_recommended && s->repo == G.pool->installed);
}

/* Counts (FILL = 0) or writes (FILL = 1) the pairs of every installed recommender, at the cursor
 * of each installed provider. */
static void index_pairs(WeakdepIndex *ix, int *cursor, int fill)
{
  Pool *pool = G.pool;
  for (int k = 0; k < ix->installed.count; k++)
    {
      Id i = ix->installed.elements[k];
      if (never_recommends(ix, i))
        continue;
      Solvable *s = pool->solvables + i;
      Id *recp = s->repo->idarraydata + s->recommends, rec;
      while ((rec = *recp++) != 0)
        {
          Id p2, pp2;
          FOR_PROVIDES(p2, pp2, rec)
            {
              if (solver_get_decisionlevel(G.solv, p2) <= 0)
                continue;
              if (fill)
                {
                  ix->pairs[2 * cursor[p2]] = i;
                  ix->pairs[2 * cursor[p2] + 1] = rec;
                }
              cursor[p2]++;
            }
        }
    }
}

void weakdep_index_init(WeakdepIndex *ix)
{
  Pool *pool = G.pool;
  Queue decisions;
  queue_init(&decisions);
  queue_init(&ix->installed);
  solver_get_decisionqueue(G.solv, &decisions);
  for (int i = 0; i < decisions.count; i++)
    if (decisions.elements[i] > 0)
      queue_push(&ix->installed, decisions.elements[i]);
  queue_free(&decisions);
  solv_sort(ix->installed.elements, ix->installed.count, sizeof(Id), cmp_id, 0);
  ix->add_already_recommended = solver_get_flag(G.solv, SOLVER_FLAG_ADD_ALREADY_RECOMMENDED);
  /* one scan of all recommends instead of one per package asked about: count, then place */
  int *count = solv_calloc(pool->nsolvables + 1, sizeof(int));
  index_pairs(ix, count, 0);
  ix->first = solv_calloc(pool->nsolvables + 1, sizeof(int));
  for (int p = 0; p < pool->nsolvables; p++)
    ix->first[p + 1] = ix->first[p] + count[p];
  memcpy(count, ix->first, (pool->nsolvables + 1) * sizeof(int));
  ix->pairs = solv_calloc(2 * ix->first[pool->nsolvables] + 1, sizeof(Id));
  index_pairs(ix, count, 1);
  solv_free(count);
}

void weakdep_index_free(WeakdepIndex *ix)
{
  queue_free(&ix->installed);
  ix->first = solv_free(ix->first);
  ix->pairs = solv_free(ix->pairs);
}

/* libsolv's step 1 ("list all packages that recommend us"), over the pairs naming P only: the
 * first recommender decided before P whose recommends no other package decided before P provides */
static int first_recommender(const WeakdepIndex *ix, Id p, Id *fromp, Id *depp)
{
  Solver *solv = G.solv;
  Pool *pool = G.pool;
  int level = solver_get_decisionlevel(solv, p);
  if (level <= 0)
    return 0;
  for (int k = ix->first[p]; k < ix->first[p + 1]; k++)
    {
      Id i = ix->pairs[2 * k], rec = ix->pairs[2 * k + 1];
      int ilevel = solver_get_decisionlevel(solv, i);
      if (ilevel <= 0 || ilevel >= level)
        continue;
      Id p2, pp2;
      FOR_PROVIDES(p2, pp2, rec)
        if (p2 != p && solver_get_decisionlevel(solv, p2) > 0 && solver_get_decisionlevel(solv, p2) < level)
          break; /* an installed provider already satisfies this recommends */
      if (!p2)
        {
          *fromp = i;
          *depp = rec;
          return 1;
        }
    }
  return 0;
}

SolverRuleinfo weakdep_info(const WeakdepIndex *ix, Id p, Id *fromp, Id *top, Id *depp)
{
  if (first_recommender(ix, p, fromp, depp))
    {
      *top = 0;
      return SOLVER_RULE_PKG_RECOMMENDS;
    }
  return solver_weakdepinfo(G.solv, p, fromp, top, depp);
}

const char *weakdep_reason_text(Id p, SolverRuleinfo type, Id from, Id to, Id dep)
{
  if (!type)
    return solver_decisionreason2str(G.solv, p, SOLVER_REASON_WEAKDEP, 0);
  /* what solver_decisionreason2str() writes for a weak dependency, without asking again */
  int bits = solver_calc_decisioninfo_bits(G.solv, p, type, from, to, dep);
  return solver_decisioninfo2str(G.solv, bits, type, from, to, dep);
}

int weakdep_check_installs(CheckOutcome (*check)(const WeakdepIndex *ix, Id p))
{
  if (!G.solv)
    return glue_fail("no-solve", "solve something first");
  WeakdepIndex ix;
  weakdep_index_init(&ix);
  int checked = 0, mismatches = 0;
  for (int k = 0; k < ix.installed.count; k++)
    {
      CheckOutcome outcome = check(&ix, ix.installed.elements[k]);
      checked += outcome != CHECK_SKIPPED;
      mismatches += outcome == CHECK_DIFFERENT;
    }
  weakdep_index_free(&ix);
  jb_reset(&G.out);
  jb_raw(&G.out, "{\"ok\":true");
  jb_kint(&G.out, "checked", checked, 0);
  jb_kint(&G.out, "mismatches", mismatches, 0);
  jb_char(&G.out, '}');
  return 0;
}

/* a weak-dependency install's recommender, from the index and from libsolv */
static CheckOutcome check_weakdep(const WeakdepIndex *ix, Id p)
{
  Id info = 0;
  if (solver_describe_decision(G.solv, p, &info) != SOLVER_REASON_WEAKDEP)
    return CHECK_SKIPPED;
  Id f1 = 0, t1 = 0, d1 = 0, f2 = 0, t2 = 0, d2 = 0;
  SolverRuleinfo fast = weakdep_info(ix, p, &f1, &t1, &d1);
  SolverRuleinfo slow = solver_weakdepinfo(G.solv, p, &f2, &t2, &d2);
  return fast == slow && f1 == f2 && t1 == t2 && d1 == d2 ? CHECK_SAME : CHECK_DIFFERENT;
}

/* Self-check for the tests: every weak-dependency install of the last solve, answered both ways. */
AZL_EXPORT(azl_check_weakdeps) int azl_check_weakdeps(void)
{
  return weakdep_check_installs(check_weakdep);
}
