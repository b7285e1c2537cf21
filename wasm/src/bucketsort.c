/* Two sorts libsolv runs over a whole pool, bucketed by their comparator's first key: wasm builds only.
 *
 * solver_unifyrules (rules.c) sorts every package rule so that duplicates sit next to each other:
 * 64,303 rules and ~1.07 million comparisons for task-gnome-desktop on the 63k-package repository.
 * pool_shrink_whatprovides (pool.c) sorts the ids of every provider list (98,288 of them there) to
 * share identical lists. In wasm every comparison is an indirect call: the rule sort took ~10 ms of
 * a ~30 ms solve (native ~5), the provider-list sort most of pool_createwhatprovides' ~18 ms.
 *
 * Both comparators order by one number before they look at anything else: a rule by its first
 * literal p, a provider list by its first provider (0 for an empty list, which sorts first). So the
 * elements are first distributed in place by that key into buckets (an American flag sort: one pass
 * to count, one to permute), and only the elements within a bucket are sorted with the comparator.
 *
 * The outcome is what the callers need, the elements in the comparator's order:
 * - rules that compare equal are the duplicates unify merges; they have the same literals, so which
 *   copy is kept (libsolv's own solv_sort is unstable too) does not change a rule;
 * - the provider-list comparator breaks ties by id, a total order, so the order is libsolv's exactly.
 * libsolv's testcase suite and the rule dumps in test/unit/resolve/libsolv-testcases.test.ts run the
 * wasm build with these sorts against a native build without them.
 *
 * build.sh compiles rules.c with -Dsolv_sort=azl_sort_rules and pool.c with
 * -Dsolv_sort=azl_sort_provider_lists; their other sorts are handed to solv_sort unchanged. */
#include <string.h>

#include "pool.h"
#include "rules.h"
#include "util.h"

/* Below this many elements one solv_sort is as quick as counting. */
#define BUCKET_SORT_MIN 256
/* Buckets are at most this many (2 x 256 KiB of counters while sorting, freed after): one per key
 * for a pool of up to 65,536 solvables; wider key ranges share them. */
#define MAX_BUCKETS 65536

typedef int (*Compar)(const void *, const void *, void *);

/* Rules ordered as unifyrules_sortcmp orders them first: by p, as unsigned (the sign bit flipped). */
static inline unsigned int rule_key(const void *elem, const void *data)
{
  (void)data;
  return (unsigned int)((const Rule *)elem)->p ^ 0x80000000u;
}

/* Ids ordered as pool_shrink_whatprovides_sortcmp orders them first: by their list's first provider. */
static inline unsigned int provider_list_key(const void *elem, const void *data)
{
  const Pool *pool = data;
  return (unsigned int)pool->whatprovidesdata[pool->whatprovides[*(const Id *)elem]];
}

/* Sorts NMEMB elements of SIZE bytes at BASE with COMPAR, after distributing them by KEY, which must
 * order any two elements with different keys as COMPAR does. Inlined into each caller, so SIZE and KEY
 * are constants there and an element moves as a few loads and stores. */
static inline __attribute__((always_inline)) void
bucket_sort(void *base, size_t nmemb, size_t size, unsigned int (*key)(const void *, const void *), Compar compar, void *compard)
{
  unsigned char *elems = base, moving[32], displaced[32];
  unsigned int lo, hi, shift = 0, nbuckets, b, k, *start, *next;
  size_t i;

  if (nmemb < BUCKET_SORT_MIN || size > sizeof(moving))
    {
      solv_sort(base, nmemb, size, compar, compard);
      return;
    }
  lo = hi = key(elems, compard);
  for (i = 1; i < nmemb; i++)
    {
      unsigned int v = key(elems + i * size, compard);
      if (v < lo)
        lo = v;
      else if (v > hi)
        hi = v;
    }
  while (((hi - lo) >> shift) >= MAX_BUCKETS)
    shift++;
  nbuckets = ((hi - lo) >> shift) + 1;
  start = solv_calloc(2 * nbuckets + 1, sizeof(unsigned int));
  next = start + nbuckets + 1;
#define BUCKET(elem) ((key((elem), compard) - lo) >> shift)
  for (i = 0; i < nmemb; i++)
    start[BUCKET(elems + i * size) + 1]++;
  for (b = 0; b < nbuckets; b++)
    start[b + 1] += start[b];
  memcpy(next, start, nbuckets * sizeof(unsigned int));
  /* each element taken out of a slot that is not its bucket's travels to its own bucket, displacing
   * the next one there, until the chain brings back an element for the slot it started from */
  for (b = 0; b < nbuckets; b++)
    while (next[b] < start[b + 1])
      {
        memcpy(moving, elems + (size_t)next[b] * size, size);
        for (k = BUCKET(moving); k != b; k = BUCKET(moving))
          {
            unsigned char *slot = elems + (size_t)next[k]++ * size;
            memcpy(displaced, slot, size);
            memcpy(slot, moving, size);
            memcpy(moving, displaced, size);
          }
        memcpy(elems + (size_t)next[b]++ * size, moving, size);
      }
#undef BUCKET
  for (b = 0; b < nbuckets; b++)
    if (start[b + 1] - start[b] > 1)
      solv_sort(elems + (size_t)start[b] * size, start[b + 1] - start[b], size, compar, compard);
  solv_free(start);
}

void azl_sort_rules(void *base, size_t nmemb, size_t size, Compar compar, void *compard);
void azl_sort_provider_lists(void *base, size_t nmemb, size_t size, Compar compar, void *compard);

/* rules.c's solv_sort: unify's sort of all rules bucketed, its sorts of Ids as they were */
void azl_sort_rules(void *base, size_t nmemb, size_t size, Compar compar, void *compard)
{
  if (size == sizeof(Rule))
    bucket_sort(base, nmemb, sizeof(Rule), rule_key, compar, compard);
  else
    solv_sort(base, nmemb, size, compar, compard);
}

/* pool.c's solv_sort, whose one call sorts the ids of the provider lists with the pool as data */
void azl_sort_provider_lists(void *base, size_t nmemb, size_t size, Compar compar, void *compard)
{
  if (size == sizeof(Id) && compard)
    bucket_sort(base, nmemb, sizeof(Id), provider_list_key, compar, compard);
  else
    solv_sort(base, nmemb, size, compar, compard);
}
