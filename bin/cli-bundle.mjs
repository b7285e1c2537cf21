// Whether dist-cli (the compiled CLI) is at least as new as every source it was built from.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The bundle's entry. */
export const BUNDLE = join(ROOT, 'dist-cli/cli.mjs');
/** What the bundle is made of: the sources (src/ holds the CLI and the library) and the dependency set. */
const INPUTS = ['src', 'package-lock.json', 'vite.cli.config.ts'];

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) max = Math.max(max, newest(join(path, entry)));
  return max;
}

/** True when dist-cli/cli.mjs exists and nothing it was built from changed after it. */
export function bundleIsFresh() {
  let built;
  try {
    built = statSync(BUNDLE).mtimeMs;
  } catch {
    return false;
  }
  return INPUTS.every((input) => newest(join(ROOT, input)) <= built);
}
