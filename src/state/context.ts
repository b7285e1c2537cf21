/** The page's state shared through Svelte context: the root component sets it, every pane reads the part it shows. */
import { getContext, setContext } from 'svelte';
import type { Playground } from './playground.svelte.ts';

const KEY = Symbol('azl-playground');

/** Makes PLAYGROUND available to every component below the caller. */
export function setPlayground(playground: Playground): void {
  setContext(KEY, playground);
}

/** The page's state, from the nearest `setPlayground`. */
export function usePlayground(): Playground {
  const playground = getContext<Playground | undefined>(KEY);
  if (!playground) throw new Error('usePlayground() outside the component tree that setPlayground() started');
  return playground;
}
