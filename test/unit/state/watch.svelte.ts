/** Reads state inside an effect, as a component's template does, so deriveds are connected and cached like on the page. */
import { flushSync } from 'svelte';

/** Runs READ in an effect now and after every change it depends on; returns the stop function. */
export function watch(read: () => void): () => void {
  const stop = $effect.root(() => {
    $effect(read);
  });
  flushSync();
  return stop;
}
