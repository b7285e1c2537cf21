import { defineConfig } from 'vitest/config';

/** Fuzzing (fast-check): every parser and decoder we own, `npm run fuzz -- --cases N`; not part of the unit run. */
export default defineConfig({
  test: {
    include: ['test/fuzz/**/*.fuzz.ts'],
    environment: 'node',
    // 100,000 cases of one target can take many minutes; a single case is guarded at 1 s by the harness.
    testTimeout: 6 * 60 * 60 * 1000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
