/* The sort behind solver_unifyrules, bucketed by first literal: wasm builds only.
 *
 * solver_unifyrules (rules.c) sorts every package rule with unifyrules_sortcmp so that duplicates
 * sit next to each other: 64,303 rules and about 1.07 million comparisons for task-gnome-desktop on
 * the 63k-package repository. In wasm every comparison is an indirect call, and that one sort took
 * ~10 ms of a ~30 ms solve (native: ~5 ms).
 *
 * unifyrules_sortcmp orders two rules by their first literal p before it looks at anything else. So
 * the rules are first distributed in place by p into buckets (an American flag sort: one pass to
 * count, one to permute), and only the rules within a bucket are sorted with the comparator; the
 * 11,454 distinct first literals of that solve leave ~5x fewer comparisons.
 *
 * The outcome is what solver_unifyrules needs: the rules ordered by the same comparator. Rules that
 * compare equal are the duplicates it merges; they have the same literals, so which copy is kept
 * (libsolv's own solv_sort is unstable too) does not change a rule. libsolv's testcase suite and the
 * rules-dump comparison in test/unit/resolve/libsolv-testcases.test.ts run the wasm build with this
 * sort against a native build without it.
 *
 * build.sh compiles rules.c with -Dsolv_sort=azl_sort_rules; rules.c's other sorts (of Ids) are
 * handed to solv_sort unchanged. */
#include <string.h>

#include "pool.h"
#include "rules.h"
#include "util.h"

/* Below this many rules one solv_sort is as quick as counting. */
#define BUCKET_SORT_MIN 256
/* Buckets are at most this many (2 x 256 KiB of counters while sorting, freed after): one per first
 * literal for a pool of up to 65,536 solvables; wider p ranges share them. */
#define MAX_BUCKETS 65536

void azl_sort_rules(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *, void *), void *compard);

void
azl_sort_rules(void *base, size_t nmemb, size_t size, int (*compar)(const void *, const void *, void *), void *compard)
{
  Rule *rules = base;
  Id minp, maxp;
  unsigned int lo, range, shift = 0, nbuckets, b, k, *start, *next;
  size_t i;

  if (size != sizeof(Rule) || nmemb < BUCKET_SORT_MIN)
    {
      solv_sort(base, nmemb, size, compar, compard);
      return;
    }
  minp = maxp = rules[0].p;
  for (i = 1; i < nmemb; i++)
    {
      if (rules[i].p < minp)
        minp = rules[i].p;
      else if (rules[i].p > maxp)
        maxp = rules[i].p;
    }
  /* in unsigned arithmetic p - minp is exact for any two Ids, and keeps their order */
  lo = (unsigned int)minp;
  range = (unsigned int)maxp - lo;
  while ((range >> shift) >= MAX_BUCKETS)
    shift++;
  nbuckets = (range >> shift) + 1;
  start = solv_calloc(2 * nbuckets + 1, sizeof(unsigned int));
  next = start + nbuckets + 1;
#define BUCKET(r) (((unsigned int)(r).p - lo) >> shift)
  for (i = 0; i < nmemb; i++)
    start[BUCKET(rules[i]) + 1]++;
  for (b = 0; b < nbuckets; b++)
    start[b + 1] += start[b];
  memcpy(next, start, nbuckets * sizeof(unsigned int));
  /* each rule taken out of a slot that is not its bucket's travels to its own bucket, displacing
   * the next one there, until the chain brings back a rule for the slot it started from */
  for (b = 0; b < nbuckets; b++)
    while (next[b] < start[b + 1])
      {
        Rule moving = rules[next[b]];
        for (k = BUCKET(moving); k != b; k = BUCKET(moving))
          {
            Rule displaced = rules[next[k]];
            rules[next[k]++] = moving;
            moving = displaced;
          }
        rules[next[b]++] = moving;
      }
#undef BUCKET
  for (b = 0; b < nbuckets; b++)
    if (start[b + 1] - start[b] > 1)
      solv_sort(rules + start[b], start[b + 1] - start[b], size, compar, compard);
  solv_free(start);
}
