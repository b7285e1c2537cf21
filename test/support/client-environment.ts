/**
 * A vitest environment for the state classes: Node's globals, but modules transformed as for the
 * browser (Vite's `client` environment), so Svelte compiles runes for its client runtime — the one
 * the page runs, where effects run and deriveds are cached — instead of its server build.
 */
import type { Environment } from 'vitest/environments';

export default {
  name: 'client-node',
  viteEnvironment: 'client',
  setup() {
    return { teardown() {} };
  },
} satisfies Environment;
