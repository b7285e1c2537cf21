/* Turning an unsatisfiable solve into JSON: each problem in libsolv's own words, the requirement
 * and candidates behind it, and the solutions libsolv proposes. */
#include <stdlib.h>
#include <string.h>

#include "knownid.h"
#include "pool.h"
#include "problems.h"
#include "rules.h"
#include "solvable.h"
#include "solver.h"
#include "testcase.h"

#include "glue.h"

static void push_candidate(Queue *cands, Id p)
{
  queue_pushunique(cands, p);
}

/* the packages that could have satisfied the problem's requirements, including excluded ones */
static void collect_candidates(Queue *rules, Queue *cands, Id *reqdep)
{
  Pool *pool = G.pool;
  for (int i = 0; i < rules->count; i++)
    {
      Id from = 0, to = 0, dep = 0, p, pp;
      int type = solver_ruleinfo(G.solv, rules->elements[i], &from, &to, &dep);
      if (type == SOLVER_RULE_PKG_NOT_INSTALLABLE && from > 0)
        push_candidate(cands, from);
      /* job rules carry job data (a name, or a whatprovides offset for one-of jobs), not deps */
      if (!dep || (type != SOLVER_RULE_PKG_REQUIRES && type != SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP
                   && type != SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP))
        continue;
      if (!*reqdep)
        *reqdep = dep;
      FOR_PROVIDES(p, pp, dep)
        push_candidate(cands, p);
    }
}

static void emit_candidates(Queue *cands)
{
  Pool *pool = G.pool;
  JsonBuf *b = &G.out;
  jb_key(b, "candidates", 0);
  jb_char(b, '[');
  for (int i = 0; i < cands->count; i++)
    {
      Id p = cands->elements[i];
      if (i)
        jb_char(b, ',');
      jb_char(b, '{');
      jb_kstr(b, "nevra", glue_nevra(p), 1);
      jb_kint(b, "excluded", pool_disabled_solvable(pool, pool->solvables + p), 0);
      jb_char(b, '}');
    }
  jb_char(b, ']');
}

static void emit_problem(Id problem)
{
  Solver *solv = G.solv;
  Pool *pool = G.pool;
  JsonBuf *b = &G.out;
  Id from = 0, to = 0, dep = 0;
  Id rid = solver_findproblemrule(solv, problem);
  int type = solver_ruleinfo(solv, rid, &from, &to, &dep);
  Queue rules, cands;
  queue_init(&rules);
  queue_init(&cands);
  solver_findallproblemrules(solv, problem, &rules);
  Id reqdep = (type & SOLVER_RULE_TYPEMASK) == SOLVER_RULE_JOB ? 0 : dep;
  collect_candidates(&rules, &cands, &reqdep);

  jb_char(b, '{');
  jb_kstr(b, "rule", ruleinfo_name(type), 1);
  jb_kstr(b, "text", solver_problemruleinfo2str(solv, type, from, to, dep), 0);
  jb_kstr(b, "source", glue_rule_nevra(type, from), 0);
  jb_kstr(b, "target", glue_rule_nevra(type, to), 0);
  jb_kstr(b, "dep", reqdep ? pool_dep2str(pool, reqdep) : "", 0);
  if ((type & SOLVER_RULE_TYPEMASK) == SOLVER_RULE_JOB)
    jb_kstr(b, "tag", glue_job_tag(rid), 0);
  emit_candidates(&cands);
  queue_free(&cands);

  jb_key(b, "details", 0);
  jb_char(b, '[');
  for (int i = 0; i < rules.count; i++)
    {
      Id f = 0, t = 0, d = 0;
      int ty = solver_ruleinfo(solv, rules.elements[i], &f, &t, &d);
      if (i)
        jb_char(b, ',');
      jb_str(b, solver_problemruleinfo2str(solv, ty, f, t, d));
    }
  jb_char(b, ']');
  queue_free(&rules);

  jb_key(b, "solutions", 0);
  jb_char(b, '[');
  int nsol = solver_solution_count(solv, problem);
  for (Id solution = 1; solution <= nsol; solution++)
    {
      if (solution > 1)
        jb_char(b, ',');
      jb_raw(b, "{\"elements\":[");
      Id element = 0, p, rp;
      int first = 1;
      while ((element = solver_next_solutionelement(solv, problem, solution, element, &p, &rp)) != 0)
        {
          if (!first)
            jb_char(b, ',');
          first = 0;
          jb_str(b, solver_solutionelement2str(solv, p, rp));
        }
      jb_raw(b, "]}");
    }
  jb_char(b, ']');
  jb_char(b, '}');
}

void report_problems(int nproblems, double solve_ms)
{
  JsonBuf *b = &G.out;
  char *text = testcase_solverresult(G.solv, TESTCASE_RESULT_PROBLEMS);
  begin_result(b, "{\"ok\":false,\"kind\":\"problems\"", solve_ms);
  jb_kstr(b, "text", text, 0);
  solv_free(text);
  jb_key(b, "problems", 0);
  jb_char(b, '[');
  for (Id problem = 1; problem <= nproblems; problem++)
    {
      if (problem > 1)
        jb_char(b, ',');
      emit_problem(problem);
    }
  jb_raw(b, "]}");
}
