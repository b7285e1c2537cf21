/** Where the CLI finds the checkout's files, whether it runs from src/cli (tsx) or from the dist-cli bundle. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root: the bundle's chunks sit one level below it, this file two. */
export const PROJECT_ROOT = fileURLToPath(new URL(/\/dist-cli\/[^/]*$/.test(import.meta.url) ? '../' : '../../', import.meta.url));

/** PATH under the checkout's root (a trailing '/' is kept). */
export function projectPath(path: string): string {
  return join(PROJECT_ROOT, path);
}
