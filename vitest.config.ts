import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const shared = { environment: 'node' as const, testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' as const };

/** Unit tests in Node: pure src/lib code (and the real wasm through browser_wasi_shim), and the src/state rune classes. */
export default defineConfig({
  test: {
    projects: [
      { test: { ...shared, name: 'lib', include: ['test/unit/**/*.test.ts'], exclude: ['test/unit/state/**'] } },
      {
        // Svelte's client runtime: on its server build effects never run and deriveds are not
        // cached, so the state classes would not behave as on the page.
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          ...shared,
          environment: './test/support/client-environment.ts',
          name: 'state',
          include: ['test/unit/state/**/*.test.ts'],
          // through Vite, so `svelte` itself resolves to the client runtime too (Node would pick its server entry)
          server: { deps: { inline: [/\/svelte\//] } },
        },
      },
    ],
  },
});
