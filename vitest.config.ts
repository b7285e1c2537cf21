import { defineConfig } from 'vitest/config';

/** Unit tests: pure src/lib code (and the real wasm through browser_wasi_shim) in Node. */
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
