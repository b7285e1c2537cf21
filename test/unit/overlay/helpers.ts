import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VirtualFiles } from '../../../src/lib/overlay/index.ts';

/** This test folder's fixtures. */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** The shared Azure Linux TOML fixtures (a sibling of the repository). */
export const AZL_FIXTURES = fileURLToPath(new URL('../../../../shared/fixtures/azurelinux/', import.meta.url));

/** Reads a directory tree into a virtual file map, keys relative to `dir` and prefixed with `prefix`. */
export function readTree(dir: string, prefix = ''): VirtualFiles {
  const files: VirtualFiles = {};
  const walk = (current: string) => {
    for (const name of readdirSync(current)) {
      const full = join(current, name);
      if (statSync(full).isDirectory()) walk(full);
      else files[prefix + relative(dir, full)] = new Uint8Array(readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

/** A UTF-8 file from the fixtures folder. */
export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

/** Spec text from template lines, so tests read like the spec they build. */
export function spec(...lines: string[]): string[] {
  return lines;
}
