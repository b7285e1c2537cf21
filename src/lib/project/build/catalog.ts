/** Which images a project defines: `[images.X]` entries plus kickstart files no other kickstart includes. */
import type { ResolvedProject } from '../../config/index.ts';
import { resolveFromFile } from '../../files/paths.ts';
import type { ImageEntry } from './types.ts';

const INCLUDE_LINE = /^\s*%include\s+(\S+)/gm;

/** Project-relative paths of every `*.ks` file that no other kickstart `%include`s, sorted. */
export function topLevelKickstarts(files: ReadonlyMap<string, string>): string[] {
  const kickstarts = [...files.keys()].filter((p) => p.endsWith('.ks'));
  const included = new Set<string>();
  for (const path of kickstarts) {
    for (const m of (files.get(path) ?? '').matchAll(INCLUDE_LINE)) included.add(resolveFromFile(path, m[1] as string));
  }
  return kickstarts.filter((p) => !included.has(p)).sort();
}

function kickstartName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.ks$/, '');
}

/** Every image of the project by name, sorted; a kickstart whose name a TOML image already has is left out. */
export function listImages(project: ResolvedProject, files: ReadonlyMap<string, string>): ImageEntry[] {
  const out = new Map<string, ImageEntry>();
  for (const [name, image] of Object.entries(project.images)) {
    const def = image.value.definition;
    const entry: ImageEntry = { name, kind: 'none', description: image.value.description ?? '', loc: image.loc };
    if (image.value.architectures && image.value.architectures.length > 0) entry.architectures = [...image.value.architectures];
    if (def?.path) {
      entry.kind = def.path.endsWith('.ks') ? 'kickstart' : 'kiwi';
      entry.path = def.path;
      if (def.profile) entry.profile = def.profile;
    } else if (image.value.playground) entry.kind = 'playground';
    out.set(name, entry);
  }
  for (const path of topLevelKickstarts(files)) {
    const name = kickstartName(path);
    if (!out.has(name)) out.set(name, { name, kind: 'kickstart', description: `kickstart ${path}`, path, loc: { file: path, line: 0, col: 0 } });
  }
  return [...out.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Why ENTRY is not built for ARCH, or undefined when it is: azldev 1.0.0 builds and lists an image
 * only for the architectures in `images.X.architectures` (none listed means every one).
 */
export function architectureMismatch(entry: ImageEntry, arch: string): string | undefined {
  if (!entry.architectures || entry.architectures.includes(arch)) return undefined;
  return `image ${entry.name} is not built for ${arch}: its architectures are ${entry.architectures.join(', ')}`;
}
