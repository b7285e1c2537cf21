import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from '../../support/wasm.ts';

test('public/examples/index.json lists exactly the files of each example project', () => {
  const run = spawnSync('node', [join(ROOT, 'scripts/list-examples.mjs'), '--check'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});
