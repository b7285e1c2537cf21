import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject, resolveComponent } from '../../../src/lib/config/index.ts';
import type { ResolvedOverlayInput, VirtualFiles } from '../../../src/lib/overlay/index.ts';

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

/**
 * Component NAME's overlays as the config model resolves them (inline ones, then its `overlay-files`,
 * sources rebased), from TOML and overlay files given as project paths. Overlay files reach the
 * engine only this way, so tests of them go through the same loader the app uses.
 */
export function resolvedOverlaysOf(name: string, files: VirtualFiles): ResolvedOverlayInput[] {
  const text = new Map<string, string>([['azldev.toml', 'includes = ["**/*.comp.toml"]\n']]);
  for (const [path, content] of Object.entries(files)) if (path.endsWith('.toml')) text.set(path, typeof content === 'string' ? content : new TextDecoder().decode(content));
  const loaded = loadProject(text);
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => `${d.file}:${d.line}: ${d.message}`).join('\n'));
  const component = resolveComponent(loaded.project, name);
  if (!component) throw new Error(`no component ${name}`);
  return component.overlays.map((o) => ({ overlay: o.overlay, ...(o.overlayFile ? { overlayFile: o.overlayFile } : {}) }));
}
