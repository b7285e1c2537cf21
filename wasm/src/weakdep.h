/* Weak-dependency reasons for a whole result at once (see weakdep.c). */
#ifndef AZL_WEAKDEP_H
#define AZL_WEAKDEP_H

#include "solver.h"

typedef struct {
  Queue installed; /* positively decided solvables of the last solve, ascending ids */
  int add_already_recommended;
  /* for each installed solvable p, the (recommender, recommends) pairs whose providers include p,
   * in the order libsolv's scan meets them: pairs[2k], pairs[2k+1] for k in first[p] .. first[p+1] */
  int *first;
  Id *pairs;
} WeakdepIndex;

void weakdep_index_init(WeakdepIndex *ix);
void weakdep_index_free(WeakdepIndex *ix);
/* what solver_weakdepinfo(G.solv, P, …) returns, for a package decided as SOLVER_REASON_WEAKDEP */
SolverRuleinfo weakdep_info(const WeakdepIndex *ix, Id p, Id *fromp, Id *top, Id *depp);
/* what solver_decisionreason2str() says for that package, given weakdep_info's answer */
const char *weakdep_reason_text(Id p, SolverRuleinfo type, Id from, Id to, Id dep);

/* A self-check's answer for one package: none of its business, or made both ways alike or not. */
typedef enum { CHECK_SKIPPED, CHECK_SAME, CHECK_DIFFERENT } CheckOutcome;
/* Runs CHECK (for the tests) over every package the last solve installed, with the index of that
 * solve, and replies {"ok":true,"checked":N,"mismatches":M}; fails when nothing was solved. */
int weakdep_check_installs(CheckOutcome (*check)(const WeakdepIndex *ix, Id p));

#endif
