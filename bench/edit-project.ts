/** The edits the bench times on the 63k pool: request edits (quick request) and overlay edits (an image of the demo project on the Debian repo). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ResolveRequest } from '../src/lib/resolve/types.ts';

const DEMO = fileURLToPath(new URL('../public/examples/demo/', import.meta.url));

/** What a user adds to a quick request one package at a time, then takes away again. */
const TYPED = ['vim', 'git', 'curl', 'python3', 'nginx', 'tmux', 'htop', 'rsync'];

/** Job edits: the demo's default request grown and shrunk one spec at a time (every request differs from the one before). */
export function jobEdits(): ResolveRequest[] {
  const base = ['bash', 'openssh-server'];
  const grow = TYPED.map((_, i) => [...base, ...TYPED.slice(0, i + 1)]);
  const shrink = grow.slice(0, -1).reverse();
  return [...grow, ...shrink, [...base]].map((specs) => ({ specs, weakDeps: true }));
}

/** Editors the sudo overlay's `Requires` cycles through; each is a Debian package, so every edit solves. */
const EDITORS = ['vim-tiny', 'nano', 'ed', 'vim', 'mg', 'joe', 'jed', 'zile', 'ne', 'neovim', 'vim-nox'];

function readTree(dir: string): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.push([relative(DEMO, path), readFileSync(path, 'utf8')]);
    }
  };
  walk(dir);
  return out;
}

/** The Debian repository's id in the pool (and in the bench project). */
export const REPO_ID = 'debian-bookworm-as-rpmmd';

/** The image the overlay edits rebuild. */
export const EDIT_IMAGE = 'bench';

/**
 * The demo project pointed at REPOURL (the Debian repo), with one more image (`bench`: sudo,
 * chrony and a few basics), and the sudo overlay requiring EDITOR. Overlay edit i
 * uses EDITORS[i]: a new spec, a new shadow repository, a new solve.
 */
export function overlayEditProject(repoUrl: string, edit: number): [string, string][] {
  const editor = EDITORS[edit % EDITORS.length] as string;
  return readTree(DEMO).map(([path, text]): [string, string] => {
    // the repository keeps the id the session gives a URL load (its last path segment), so the CLI matches it by id too
    if (path === 'distro/azurelinux.distro.toml') return [path, text.replace(/base-uri = "[^"]*"/, `base-uri = "${repoUrl}"`).replaceAll('centos-stream-9-baseos', REPO_ID)];
    if (path === 'base/comps/sudo/sudo.comp.toml') return [path, text.replace(/value = "vim-minimal"/, `value = "${editor}"`)];
    if (path === 'base/images/images.toml') return [path, `${text}\n[images.${EDIT_IMAGE}]\ndescription = "bench: the demo's overlaid components on the Debian repository"\n\n[images.${EDIT_IMAGE}.playground]\npackages = ["sudo", "chrony", "bash", "less", "tar"]\ngroups = []\n`];
    return [path, text];
  });
}

/** Overlay edits the bench times (after one untimed first build). */
export const OVERLAY_EDITS = EDITORS.length - 1;
