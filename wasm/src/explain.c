/* The decision chain behind one package of the last solve: libsolv's own explanation, as JSON. */
#include <string.h>

#include "pool.h"
#include "rules.h"
#include "solver.h"

#include "glue.h"

/* Explains why NEVRA is in the last solve's result: libsolv's decision chain, leaf first. */
AZL_EXPORT(azl_explain) int azl_explain(const char *want)
{
  if (!G.solv)
    return glue_fail("no-solve", "nothing has been solved yet");
  Pool *pool = G.pool;
  Id p = 0;
  for (Id i = 2; i < pool->nsolvables; i++)
    if (pool->solvables[i].repo && solver_get_decisionlevel(G.solv, i) > 0 && !strcmp(pool_solvid2str(pool, i), want))
      {
        p = i;
        break;
      }
  if (!p)
    return glue_fail("not-installed", "%s is not part of the last result", want);
  Queue q;
  queue_init(&q);
  solver_get_decisionlist(G.solv, p, SOLVER_DECISIONLIST_SOLVABLE | SOLVER_DECISIONLIST_SORTED | SOLVER_DECISIONLIST_WITHINFO, &q);
  JsonBuf *b = &G.out;
  jb_reset(b);
  jb_raw(b, "{\"ok\":true");
  jb_kstr(b, "nevra", want, 0);
  jb_key(b, "chain", 0);
  jb_char(b, '[');
  for (int i = 0; i + 7 < q.count; i += 8)
    {
      Id v = q.elements[i], info = q.elements[i + 2];
      int reason = q.elements[i + 1], bits = q.elements[i + 3], type = q.elements[i + 4];
      Id from = q.elements[i + 5], to = q.elements[i + 6], dep = q.elements[i + 7];
      if (i)
        jb_char(b, ',');
      jb_char(b, '{');
      jb_kstr(b, "package", glue_nevra(v > 0 ? v : -v), 1);
      jb_kint(b, "installed", v > 0, 0);
      jb_kstr(b, "reason", solver_reason2str(G.solv, reason), 0);
      jb_kstr(b, "rule", ruleinfo_name(type), 0);
      jb_kstr(b, "from", glue_rule_nevra(type, from), 0);
      jb_kstr(b, "to", glue_rule_nevra(type, to), 0);
      jb_kstr(b, "dep", dep ? pool_dep2str(pool, dep) : "", 0);
      if ((type & SOLVER_RULE_TYPEMASK) == SOLVER_RULE_JOB)
        jb_kstr(b, "tag", glue_job_tag(info), 0);
      jb_kstr(b, "text", type ? solver_decisioninfo2str(G.solv, bits, type, from, to, dep) : solver_reason2str(G.solv, reason), 0);
      jb_char(b, '}');
    }
  jb_raw(b, "]}");
  queue_free(&q);
  return 0;
}
