/* State shared by the resolver glue's translation units: one pool, the last solver, the output. */
#ifndef AZL_GLUE_H
#define AZL_GLUE_H

#include <stdio.h>

#include "pool.h"
#include "repo.h"
#include "solver.h"
#include "queue.h"

#include "jsonbuf.h"

#define AZL_EXPORT(name) __attribute__((export_name(#name)))

typedef struct {
  Pool *pool;
  Solver *solv;        /* the last solve, kept for explain() until the next solve or pool change */
  Queue jobs;          /* the last solve's job queue (pairs) */
  Queue jobtags;       /* tag index per job pair */
  char **tags;         /* request tags ("spec:0", "group:core"), indexed by tag index */
  int ntags;
  Map considered;      /* solvables not excluded; valid when has_considered */
  int has_considered;
  int whatprovides_dirty;
  /* Bumped whenever the pool's solvables change (init, a repository added or removed): a caller
   * that keeps the details of packages it was sent (option known) keeps them per generation. */
  int details_generation;
  Map details_sent;    /* packages whose details went out in details_sent_generation */
  int details_sent_generation;
  /* The pool as it was before the newest repository was added, so removing that repository can
   * put the pool back exactly (string and rel ids included) instead of rebuilding it. */
  struct {
    Repo *repo;          /* the newest repository; 0 when the checkpoint no longer holds */
    int nstrings;
    unsigned int sstrings;
    int nrels;
    int idarrays;        /* idarraysize summed over the other repositories (addfileprovides grows it) */
    Id *stringhash;      /* copy of the string hash table, so a restore need not rehash every string */
    Hashval stringhashmask;
  } last;
  JsonBuf out;
} Glue;

extern Glue G;

/* {"ok":false,"code":..,"error":..} into G.out; returns -1 */
int glue_fail(const char *code, const char *fmt, ...);
/* drops the last solver and its jobs */
void glue_free_solver(void);
/* the pool's solvables changed: whatprovides must be rebuilt, details sent before are void */
void glue_pool_changed(void);
/* pool_addfileprovides + pool_createwhatprovides when repos changed */
void glue_prepare_pool(void);
/* milliseconds from a monotonic clock */
double glue_now_ms(void);

/* common.c, shared by resolver.wasm and rpmmd.wasm */
/* {"ok":true,"id":..,"solvables":..,"poolSolvables":..} into G.out (no id when ID is 0, no pool
 * count when POOL_SOLVABLES < 0); returns 0 */
int glue_reply_solvables(const char *id, int solvables, int pool_solvables);
/* fopen for reading, or 0 with a missing-file failure in G.out */
FILE *glue_open_input(const char *path, const char *what);
/* REPO, alone in its pool, as .solv at OUT with its added file provides recorded (ORDER: theirs) */
int glue_write_converted(Repo *repo, const char *out, const Queue *order);
/* REPO as .solv at OUT, as it is; 0, or -1 with a write-failed failure in G.out */
int glue_write_solv(Repo *repo, const char *out);
/* ADD(repo, INPUT) into a repository alone in a pool of its own, written to OUT by
 * glue_write_converted; replies with its solvable count (the converters' one shape) */
int glue_convert_alone(const char *out, int (*add)(Repo *repo, const void *input), const void *input);

/* report.c */
void report_transaction(double solve_ms, const Queue *skipped, int known_generation);
/* starts a solve result in B: OPENING, then the solve time and the pool size every result carries */
void begin_result(JsonBuf *b, const char *opening, double solve_ms);
/* problems.c */
void report_problems(int nproblems, double solve_ms);
const char *ruleinfo_name(int type);
/* "name-evr.arch" of solvable P, "" for anything that is not a solvable */
const char *glue_nevra(Id p);
/* like glue_nevra, but "" for the FROM/TO of job rules, which carry job data instead */
const char *glue_rule_nevra(int type, Id p);
/* the request tag of the job behind job rule RID, or "" */
const char *glue_job_tag(Id rid);

#endif
