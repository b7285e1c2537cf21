/* Turning a solve into JSON: the transaction with per-package facts, reasons and reverse
 * requirements, and the helpers every result shares (rule names, NEVRAs, job tags). */
#include <stdlib.h>
#include <string.h>

#include "chksum.h"
#include "knownid.h"
#include "pool.h"
#include "rules.h"
#include "solvable.h"
#include "solver.h"
#include "transaction.h"

#include "glue.h"
#include "weakdep.h"

static const struct { int type; const char *name; } rule_names[] = {
  { SOLVER_RULE_PKG, "SOLVER_RULE_PKG" },
  { SOLVER_RULE_PKG_NOT_INSTALLABLE, "SOLVER_RULE_PKG_NOT_INSTALLABLE" },
  { SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP, "SOLVER_RULE_PKG_NOTHING_PROVIDES_DEP" },
  { SOLVER_RULE_PKG_REQUIRES, "SOLVER_RULE_PKG_REQUIRES" },
  { SOLVER_RULE_PKG_SELF_CONFLICT, "SOLVER_RULE_PKG_SELF_CONFLICT" },
  { SOLVER_RULE_PKG_CONFLICTS, "SOLVER_RULE_PKG_CONFLICTS" },
  { SOLVER_RULE_PKG_SAME_NAME, "SOLVER_RULE_PKG_SAME_NAME" },
  { SOLVER_RULE_PKG_OBSOLETES, "SOLVER_RULE_PKG_OBSOLETES" },
  { SOLVER_RULE_PKG_IMPLICIT_OBSOLETES, "SOLVER_RULE_PKG_IMPLICIT_OBSOLETES" },
  { SOLVER_RULE_PKG_INSTALLED_OBSOLETES, "SOLVER_RULE_PKG_INSTALLED_OBSOLETES" },
  { SOLVER_RULE_PKG_RECOMMENDS, "SOLVER_RULE_PKG_RECOMMENDS" },
  { SOLVER_RULE_PKG_CONSTRAINS, "SOLVER_RULE_PKG_CONSTRAINS" },
  { SOLVER_RULE_PKG_SUPPLEMENTS, "SOLVER_RULE_PKG_SUPPLEMENTS" },
  { SOLVER_RULE_UPDATE, "SOLVER_RULE_UPDATE" },
  { SOLVER_RULE_FEATURE, "SOLVER_RULE_FEATURE" },
  { SOLVER_RULE_JOB, "SOLVER_RULE_JOB" },
  { SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP, "SOLVER_RULE_JOB_NOTHING_PROVIDES_DEP" },
  { SOLVER_RULE_JOB_PROVIDED_BY_SYSTEM, "SOLVER_RULE_JOB_PROVIDED_BY_SYSTEM" },
  { SOLVER_RULE_JOB_UNKNOWN_PACKAGE, "SOLVER_RULE_JOB_UNKNOWN_PACKAGE" },
  { SOLVER_RULE_JOB_UNSUPPORTED, "SOLVER_RULE_JOB_UNSUPPORTED" },
  { SOLVER_RULE_DISTUPGRADE, "SOLVER_RULE_DISTUPGRADE" },
  { SOLVER_RULE_INFARCH, "SOLVER_RULE_INFARCH" },
  { SOLVER_RULE_CHOICE, "SOLVER_RULE_CHOICE" },
  { SOLVER_RULE_LEARNT, "SOLVER_RULE_LEARNT" },
  { SOLVER_RULE_BEST, "SOLVER_RULE_BEST" },
  { SOLVER_RULE_YUMOBS, "SOLVER_RULE_YUMOBS" },
  { SOLVER_RULE_RECOMMENDS, "SOLVER_RULE_RECOMMENDS" },
  { SOLVER_RULE_BLACK, "SOLVER_RULE_BLACK" },
  { SOLVER_RULE_STRICT_REPO_PRIORITY, "SOLVER_RULE_STRICT_REPO_PRIORITY" },
  { 0, 0 },
};

const char *ruleinfo_name(int type)
{
  for (int i = 0; rule_names[i].name; i++)
    if (rule_names[i].type == type)
      return rule_names[i].name;
  return "SOLVER_RULE_UNKNOWN";
}

const char *glue_nevra(Id p)
{
  return p > 0 && p < G.pool->nsolvables ? pool_solvid2str(G.pool, p) : "";
}

/* the FROM/TO of job rules are job data, not solvables */
const char *glue_rule_nevra(int type, Id p)
{
  return (type & SOLVER_RULE_TYPEMASK) == SOLVER_RULE_JOB ? "" : glue_nevra(p);
}

/* the job tag behind job rule RID, or "" */
const char *glue_job_tag(Id rid)
{
  int idx = solver_rule2jobidx(G.solv, rid);
  if (idx < 0 || idx / 2 >= G.jobtags.count)
    return "";
  return G.tags[G.jobtags.elements[idx / 2]];
}

/* Why a package was installed: libsolv's reason, and the rule behind it as solver_ruleinfo() tells it
 * (for a choice or recommends rule, the package rule it stands for). */
typedef struct {
  int reason;
  Id info;
  int type;
  Id from, to, dep;
} Decision;

static void describe_decision(Id p, const WeakdepIndex *weak, Decision *d)
{
  Solver *solv = G.solv;
  memset(d, 0, sizeof(*d));
  d->reason = solver_describe_decision(solv, p, &d->info);
  if (d->reason == SOLVER_REASON_WEAKDEP)
    d->type = weakdep_info(weak, p, &d->from, &d->to, &d->dep);
  else if (d->info > 0)
    {
      d->type = solver_ruleinfo(solv, d->info, &d->from, &d->to, &d->dep);
      if (d->type == SOLVER_RULE_CHOICE || d->type == SOLVER_RULE_RECOMMENDS)
        {
          Id pkgrule = solver_rule2pkgrule(solv, d->info);
          if (pkgrule)
            d->type = solver_ruleinfo(solv, pkgrule, &d->from, &d->to, &d->dep);
        }
    }
}

/* Whether D was decided by a rule libsolv can describe (a reason that names one, with its info). */
static int decided_by_rule(const Decision *d)
{
  int with_rule = d->reason == SOLVER_REASON_RESOLVE_JOB || d->reason == SOLVER_REASON_UNIT_RULE ||
                  d->reason == SOLVER_REASON_RESOLVE || d->reason == SOLVER_REASON_UNSOLVABLE;
  return with_rule && d->info > 0;
}

/* The sentence solver_decisionreason2str() writes for decision P, made from D: libsolv would derive
 * the rule info again, and for a package rule that re-runs the rule generation of its package
 * (about 1 ms of a 1,518-package result). azl_check_reason_texts compares the two. */
static const char *decision_text(Id p, const Decision *d)
{
  if (d->reason == SOLVER_REASON_WEAKDEP)
    return weakdep_reason_text(p, d->type, d->from, d->to, d->dep);
  if (!decided_by_rule(d) || !d->type)
    return solver_reason2str(G.solv, d->reason);
  int bits = solver_calc_decisioninfo_bits(G.solv, p, d->type, d->from, d->to, d->dep);
  return solver_decisioninfo2str(G.solv, bits, d->type, d->from, d->to, d->dep);
}

/* The verb when libsolv's sentence for D is "<from> <verb> <dep>" (solver_decisioninfo2str for a
 * single package requirement or recommendation that is not the package's own): the result then
 * leaves the sentence out and the app joins it from "by" and "dep", a third of a large result's JSON.
 * azl_check_reason_texts holds every such sentence against libsolv's. */
static const char *plain_sentence_verb(Id p, const Decision *d)
{
  if (d->from <= 0 || d->from == p || !d->dep)
    return 0;
  if (d->type == SOLVER_RULE_PKG_REQUIRES && decided_by_rule(d))
    return "requires";
  if (d->type == SOLVER_RULE_PKG_RECOMMENDS && (d->reason == SOLVER_REASON_WEAKDEP || decided_by_rule(d)))
    return "recommends";
  return 0;
}

/* "reason":{...}: why package P was installed */
static void emit_reason(Id p, const WeakdepIndex *weak)
{
  Pool *pool = G.pool;
  Decision d;
  describe_decision(p, weak, &d);
  JsonBuf *b = &G.out;
  jb_key(b, "reason", 0);
  jb_char(b, '{');
  if ((d.type & SOLVER_RULE_TYPEMASK) == SOLVER_RULE_JOB)
    {
      jb_kstr(b, "kind", "job", 1);
      jb_kstr(b, "tag", glue_job_tag(d.info), 0);
    }
  else if (d.type == SOLVER_RULE_PKG_REQUIRES)
    {
      jb_kstr(b, "kind", "requires", 1);
      jb_kstr(b, "by", glue_nevra(d.from), 0);
      jb_kstr(b, "dep", pool_dep2str(pool, d.dep), 0);
    }
  else if (d.type == SOLVER_RULE_PKG_RECOMMENDS || d.type == SOLVER_RULE_PKG_SUPPLEMENTS)
    {
      jb_kstr(b, "kind", d.type == SOLVER_RULE_PKG_RECOMMENDS ? "recommends" : "supplements", 1);
      /* a supplement names the package that triggers it as TO; a recommendation its source as FROM */
      jb_kstr(b, "by", glue_nevra(d.type == SOLVER_RULE_PKG_RECOMMENDS ? d.from : d.to), 0);
      jb_kstr(b, "dep", d.dep ? pool_dep2str(pool, d.dep) : "", 0);
    }
  else
    {
      jb_kstr(b, "kind", "other", 1);
      jb_kstr(b, "rule", ruleinfo_name(d.type), 0);
    }
  if (!plain_sentence_verb(p, &d))
    jb_kstr(b, "text", decision_text(p, &d), 0);
  jb_char(b, '}');
}

/* an install's reason sentence, as the result gives it (made here, or joined by the app from "by",
 * the verb and "dep"), and as libsolv makes it */
static CheckOutcome check_reason_text(const WeakdepIndex *ix, Id p)
{
  Decision d;
  describe_decision(p, ix, &d);
  const char *verb = plain_sentence_verb(p, &d);
  char *ours = verb ? solv_dupjoin(glue_nevra(d.from), " ", verb) : solv_strdup(decision_text(p, &d));
  if (verb)
    ours = solv_dupappend(ours, " ", pool_dep2str(G.pool, d.dep));
  int same = !strcmp(ours, solver_decisionreason2str(G.solv, p, d.reason, d.info));
  solv_free(ours);
  return same ? CHECK_SAME : CHECK_DIFFERENT;
}

/* Self-check for the tests: the reason text of every install of the last solve, made both ways. */
AZL_EXPORT(azl_check_reason_texts) int azl_check_reason_texts(void)
{
  return weakdep_check_installs(check_reason_text);
}

/* An install and its NEVRA, built once: sorting by pool_solvid2str() would build both strings for
 * every comparison. */
typedef struct {
  Id p;
  char *nevra;
} NamedInstall;

static int cmp_named(const void *a, const void *b, void *dp)
{
  (void)dp;
  return strcmp(((const NamedInstall *)a)->nevra, ((const NamedInstall *)b)->nevra);
}

/* sorts INSTALLS by NEVRA (byte order, as strcmp) */
static void sort_by_nevra(Queue *installs)
{
  NamedInstall *named = solv_calloc(installs->count ? installs->count : 1, sizeof(NamedInstall));
  for (int i = 0; i < installs->count; i++)
    {
      named[i].p = installs->elements[i];
      named[i].nevra = solv_strdup(pool_solvid2str(G.pool, named[i].p));
    }
  solv_sort(named, installs->count, sizeof(NamedInstall), cmp_named, 0);
  for (int i = 0; i < installs->count; i++)
    {
      installs->elements[i] = named[i].p;
      solv_free(named[i].nevra);
    }
  solv_free(named);
}

/* For every install, the positions of the installs whose requirements it satisfies: one pass over
 * all requirements of the result, so large results (thousands of packages) stay cheap. */
static Queue *required_by_lists(Queue *installs, Map *installed, int *pos)
{
  Pool *pool = G.pool;
  Queue *by = solv_calloc(installs->count ? installs->count : 1, sizeof(Queue));
  for (int i = 0; i < installs->count; i++)
    queue_init(by + i);
  for (int i = 0; i < installs->count; i++)
    {
      Id q = installs->elements[i];
      Solvable *s = pool->solvables + q;
      if (!s->requires)
        continue;
      Id *reqp = s->repo->idarraydata + s->requires, req, pp, prov;
      while ((req = *reqp++) != 0)
        {
          if (req == SOLVABLE_PREREQMARKER)
            continue;
          FOR_PROVIDES(prov, pp, req)
            {
              if (prov == q || !MAPTST(installed, prov))
                continue;
              Queue *list = by + pos[prov];
              /* installs are visited in order, so a repeat can only be the last entry */
              if (!list->count || list->elements[list->count - 1] != i)
                queue_push(list, i);
            }
        }
    }
  return by;
}

static void emit_required_by(Queue *list)
{
  JsonBuf *b = &G.out;
  jb_key(b, "requiredBy", 0);
  jb_char(b, '[');
  for (int i = 0; i < list->count; i++)
    {
      if (i)
        jb_char(b, ',');
      jb_int(b, list->elements[i]);
    }
  jb_char(b, ']');
}

/* Forgets the details sent in an earlier details generation (see report_transaction). */
static void details_sent_for_this_generation(void)
{
  if (G.details_sent_generation == G.details_generation && G.details_sent.size * 8 >= G.pool->nsolvables)
    return;
  map_free(&G.details_sent);
  map_init(&G.details_sent, G.pool->nsolvables);
  G.details_sent_generation = G.details_generation;
}

/* A package's details: what it is and where it comes from, the same in every result of a pool. */
static void emit_package(Id p)
{
  Pool *pool = G.pool;
  Solvable *s = pool->solvables + p;
  JsonBuf *b = &G.out;
  Id chktype = 0;
  const char *chk = solvable_lookup_checksum(s, SOLVABLE_CHECKSUM, &chktype);
  jb_kstr(b, "nevra", glue_nevra(p), 0);
  jb_kstr(b, "name", pool_id2str(pool, s->name), 0);
  jb_kstr(b, "evr", pool_id2str(pool, s->evr), 0);
  jb_kstr(b, "arch", pool_id2str(pool, s->arch), 0);
  jb_kstr(b, "repo", s->repo->name, 0);
  jb_kstr(b, "summary", solvable_lookup_str(s, SOLVABLE_SUMMARY), 0);
  jb_kstr(b, "license", solvable_lookup_str(s, SOLVABLE_LICENSE), 0);
  jb_kstr(b, "sourcerpm", solvable_lookup_sourcepkg(s), 0);
  jb_kstr(b, "location", solvable_lookup_location(s, 0), 0);
  jb_kstr(b, "checksumType", chk ? solv_chksum_type2str(chktype) : "", 0);
  jb_kstr(b, "checksum", chk, 0);
  jb_kint(b, "downloadSize", (long long)solvable_lookup_num(s, SOLVABLE_DOWNLOADSIZE, 0), 0);
  jb_kint(b, "installSize", (long long)solvable_lookup_num(s, SOLVABLE_INSTALLSIZE, 0), 0);
}

void begin_result(JsonBuf *b, const char *opening, double solve_ms)
{
  char num[32];
  jb_reset(b);
  jb_raw(b, opening);
  jb_key(b, "solveMs", 0);
  snprintf(num, sizeof(num), "%.3f", solve_ms);
  jb_raw(b, num);
  jb_kint(b, "poolSolvables", G.pool->nsolvables, 0);
}

/* The transaction of the last solve as JSON: each installed package with its reason and who
 * requires it, and its details unless they went out before in this details generation and the
 * caller said it keeps that generation's (KNOWN): then only its id, which the caller maps back. */
void report_transaction(double solve_ms, const Queue *skipped, int known_generation)
{
  Pool *pool = G.pool;
  Transaction *trans = solver_create_transaction(G.solv);
  Queue installs;
  Map installed;
  queue_init(&installs);
  map_init(&installed, pool->nsolvables);
  for (int i = 0; i < trans->steps.count; i++)
    {
      Id p = trans->steps.elements[i];
      if (pool->solvables[p].repo != pool->installed)
        {
          queue_push(&installs, p);
          MAPSET(&installed, p);
        }
    }
  transaction_free(trans);
  sort_by_nevra(&installs);
  int *pos = solv_calloc(pool->nsolvables, sizeof(int));
  for (int i = 0; i < installs.count; i++)
    pos[installs.elements[i]] = i;
  Queue *by = required_by_lists(&installs, &installed, pos);
  WeakdepIndex weak;
  weakdep_index_init(&weak);

  JsonBuf *b = &G.out;
  begin_result(b, "{\"ok\":true", solve_ms);
  jb_kint(b, "detailsGeneration", G.details_generation, 0);
  int omit_sent = known_generation == G.details_generation;
  details_sent_for_this_generation();
  jb_key(b, "skipped", 0);
  jb_char(b, '[');
  for (int i = 0; i < skipped->count; i++)
    {
      if (i)
        jb_char(b, ',');
      jb_str(b, G.tags[skipped->elements[i]]);
    }
  jb_char(b, ']');
  jb_key(b, "packages", 0);
  jb_char(b, '[');
  for (int i = 0; i < installs.count; i++)
    {
      Id p = installs.elements[i];
      if (i)
        jb_char(b, ',');
      jb_char(b, '{');
      jb_kint(b, "id", p, 1);
      if (!omit_sent || !MAPTST(&G.details_sent, p))
        emit_package(p);
      MAPSET(&G.details_sent, p);
      emit_reason(p, &weak);
      emit_required_by(by + i);
      jb_char(b, '}');
    }
  jb_raw(b, "]}");
  weakdep_index_free(&weak);
  for (int i = 0; i < installs.count; i++)
    queue_free(by + i);
  solv_free(by);
  solv_free(pos);
  map_free(&installed);
  queue_free(&installs);
}
