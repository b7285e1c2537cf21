/** Reads the shared Azure Linux fixtures into virtual file systems for the config tests. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Root of the shared fixtures (`../shared` from the project root). */
export const FIXTURES = join(process.cwd(), '..', 'shared', 'fixtures', 'azurelinux');

/** Every file under `dir`, as project-relative POSIX path → text. */
export function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full).split(sep).join('/'), readFileSync(full, 'utf8'));
  }
  return files;
}

/** The consistent April tree, `azurelinux@afd2c0a1/`. */
export function aprilTree(): Map<string, string> {
  return readTree(join(FIXTURES, 'azurelinux@afd2c0a1'));
}

/** One file of the `azurelinux@later/` set. */
export function laterFile(path: string): string {
  return readFileSync(join(FIXTURES, 'azurelinux@later', path), 'utf8');
}

/** azldev's embedded defaults at the pinned commit. */
export function azldevDefaults(): string {
  return readFileSync(join(FIXTURES, 'azure-linux-dev-tools@6eca9a44', 'defaultconfigs', 'content', 'defaults.toml'), 'utf8');
}
