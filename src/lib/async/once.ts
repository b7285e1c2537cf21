/**
 * Work done once and shared by every caller (fetching and compiling a wasm module, importing a code
 * chunk), where a failure must not stick: offline now may be online later, so a rejected attempt
 * is forgotten and the next call tries again.
 */

/** MAKE run at most once while it succeeds or runs; after it rejects, the next call runs it again. */
export function onceUnlessFailed<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const attempt = make();
      pending = attempt;
      attempt.catch(() => {
        if (pending === attempt) pending = undefined;
      });
    }
    return pending;
  };
}

/** `onceUnlessFailed` per key: MAKE runs once for each key while it succeeds or runs. */
export function oncePerKeyUnlessFailed<K, T>(make: (key: K) => Promise<T>): (key: K) => Promise<T> {
  const byKey = new Map<K, () => Promise<T>>();
  return (key) => {
    let once = byKey.get(key);
    if (!once) {
      once = onceUnlessFailed(() => make(key));
      byKey.set(key, once);
    }
    return once();
  };
}
