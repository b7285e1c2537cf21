/** The Azure Linux fixture tree for the supply-chain tests: the April tree plus the later per-file overlays, wired in. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, laterFile, readTree } from '../config/fixture-files.ts';

/** The later `*.overlay.toml` files (each carries file-level metadata), by project path. */
export const LATER_OVERLAY_FILES = [
  'base/comps/ant/overlays/0004-select-msopenjdk25-binding.overlay.toml',
  'base/comps/apache-commons-compress/overlays/0001-remove-scanner-flagged-archive-fixtures.overlay.toml',
  'base/comps/azurelinux-rpm-config/overlays/0001-azl-rpm-config-customizations.overlay.toml',
];

const OVERLAY_FILES_KEY = 'overlay-files = ["overlays/*.overlay.toml"]';

/**
 * The April tree (`azurelinux@afd2c0a1`) with the three later overlay files added at their paths.
 * The April configs predate `overlay-files`, so the test wires each file in the way the later tree
 * does (an `overlay-files` glob on the component): `ant` gets a component file of its own (April has
 * no `ant`), and the two existing components get the key added under their table header.
 */
export function fixtureProject(): Map<string, string> {
  const files = readTree(join(FIXTURES, 'azurelinux@afd2c0a1'));
  for (const path of LATER_OVERLAY_FILES) files.set(path, laterFile(path));
  files.set('base/comps/ant/ant.comp.toml', `[components.ant]\n${OVERLAY_FILES_KEY}\n`);
  const addKey = (path: string, header: string, key: string) => {
    const text = files.get(path) as string;
    if (!text.includes(`${header}\n`)) throw new Error(`${path} has no ${header} line`);
    files.set(path, text.replace(`${header}\n`, `${header}\n${key}\n`));
  };
  addKey('base/comps/components.toml', '[components.apache-commons-compress]', 'overlay-files = ["apache-commons-compress/overlays/*.overlay.toml"]');
  addKey('base/comps/azurelinux-rpm-config/azurelinux-rpm-config.comp.toml', '[components.azurelinux-rpm-config]', OVERLAY_FILES_KEY);
  return files;
}

/** The overlay tests' stand-in specs for the April components (`test/unit/overlay/fixtures/azl/<name>/`). */
const SPECS = join(import.meta.dirname, '..', 'overlay', 'fixtures', 'azl');

/**
 * The April tree with a spec (and its sources and patches) beside every component file the overlay
 * tests have one for, where the playground looks for it: `<upstream-name or name>.spec`, sources in
 * the same folder, `source` files of patch-add overlays relative to the component file.
 * `azurelinux-rpm-config` is left without a spec: its upstream `dist.sh` and the one its overlay
 * adds share a path once the spec's sources sit beside the component file, so it is listed as unchecked.
 */
export function aprilTreeWithSpecs(): Map<string, string> {
  const files = readTree(join(FIXTURES, 'azurelinux@afd2c0a1'));
  for (const name of readdirSync(SPECS)) {
    const comp = `base/comps/${name}/${name}.comp.toml`;
    if (!files.has(comp) || name === 'azurelinux-rpm-config') continue;
    const upstreamName = /upstream-name\s*=\s*"([^"]+)"/.exec(files.get(comp) as string)?.[1] ?? name;
    files.set(`base/comps/${name}/${upstreamName}.spec`, readFileSync(join(SPECS, name, `${name}.spec`), 'utf8'));
    for (const sub of ['sources', 'project']) {
      const dir = join(SPECS, name, sub);
      if (!existsSync(dir)) continue;
      for (const [path, text] of readTree(dir)) files.set(`base/comps/${name}/${path}`, text);
    }
  }
  return files;
}

const SPEC = ['Name: frob', 'Version: 1.0', 'Release: 1%{?dist}', 'Summary: demo', 'License: MIT', '', '%description', 'demo', '', '%prep', '%setup -q', '', '%build', 'make CFLAGS="-O2"', ''].join('\n');

/** A one-component project (`frob`, local spec): COMPONENT_TOML after the component header, an optional overlay file, and the spec. */
export function smallProject(componentToml: string, overlayFile?: string): Map<string, string> {
  const files = new Map([
    ['azldev.toml', 'includes = ["comps/*.comp.toml"]\n'],
    ['comps/frob.comp.toml', `[components.frob]\nspec = { type = "local", path = "frob.spec" }\n${componentToml}`],
    ['comps/frob.spec', SPEC],
  ]);
  if (overlayFile) files.set('comps/overlays/0001-change.overlay.toml', overlayFile);
  return files;
}
