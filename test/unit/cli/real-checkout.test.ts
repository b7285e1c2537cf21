import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/wasm.ts';

/**
 * A checkout shaped like Azure Linux's: a config tree naming a few hundred files, and 30,000 files
 * the config does not name (rendered specs and other clutter). Those are made unreadable, and the
 * CLI runs as a user the permissions apply to (root ignores them), so reading any of them fails
 * the command: passing proves they were never opened.
 */
const UNNAMED = 30_000;
const COMPONENTS = 300;

let dir: string;

function put(path: string, text: string): void {
  const full = join(dir, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'azl-checkout-'));
  put('azldev.toml', 'includes = ["distro/*.distro.toml", "base/project.toml"]\n');
  put('distro/azl.distro.toml', '[distros.azl]\ndefault-version = "4.0"\n[distros.azl.versions."4.0"]\nrelease-ver = "4.0"\n[distros.azl.versions."4.0".default-component-config]\nspec = { type = "upstream" }\n');
  put('base/project.toml', 'includes = ["upstream-commits/*.toml", "comps/components.toml", "comps/**/*.comp.toml", "images/images.toml"]\n[project]\ndefault-distro = { name = "azl" }\nrendered-specs-dir = "../specs"\n');
  put('base/comps/components.toml', Array.from({ length: COMPONENTS }, (_, i) => `[components.c${i}]\n`).join(''));
  for (let i = 0; i < COMPONENTS; i += 1) put(`base/comps/c${i}/c${i}.comp.toml`, `[components.c${i}]\nbuild = { with = ["x"] }\n`);
  put('base/upstream-commits/c1.toml', '[components.c1.spec]\nupstream-commit = "abcdef1"\n');
  // One overlaid component: its overlay file, overlay source and spec beside it are named.
  put('base/comps/c0/c0.comp.toml', '[components.c0]\noverlay-files = ["overlays/*.overlay.toml"]\n');
  put('base/comps/c0/overlays/0001-add.overlay.toml', '[metadata]\ncategory = "azl-pruning"\n[[overlays]]\ntype = "patch-add"\nsource = "../fix.patch"\n');
  put('base/comps/c0/fix.patch', '--- a\n+++ b\n');
  put('base/comps/c0/c0.spec', 'Name: c0\nVersion: 1\nRelease: 1%{?dist}\nSummary: s\nLicense: MIT\n%description\nd\n');
  put('locks/c2.lock', 'version = 1\nupstream-commit = "1234567"\n');
  put('base/images/images.toml', '[images.vm]\ndefinition = { type = "kiwi", path = "vm.kiwi" }\n');
  put('base/images/vm.kiwi', '<?xml version="1.0"?>\n<image schemaversion="7.4" name="vm">\n  <include from="this://./fragments/packages.xml"/>\n</image>\n');
  put('base/images/fragments/packages.xml', '<image><packages type="image"><package name="bash"/></packages></image>\n');
  put('kickstart/cloud.ks', '%include parts/common.ks\n%packages\nbash\n%end\n');
  put('kickstart/parts/common.ks', 'lang en_US.UTF-8\n');
  mkdirSync(join(dir, 'specs'), { recursive: true });
  for (let i = 0; i < UNNAMED; i += 1) {
    const name = `pkg${i}`;
    const file = i % 3 === 0 ? `specs/${name[3]}/${name}/${name}.spec` : i % 3 === 1 ? `specs/${name[3]}/${name}/sources` : `base/comps/c${1 + (i % (COMPONENTS - 1))}/unused-${i}.txt`;
    put(file, 'unnamed\n');
    chmodSync(join(dir, file), 0o000);
  }
  // Directories stay listable; only the unnamed files are closed.
  spawnSync('find', [dir, '-type', 'd', '-exec', 'chmod', '755', '{}', '+']);
}, 300_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 300_000);

// Root passes permission checks through its capabilities (CAP_DAC_OVERRIDE); run the CLI as root with
// every capability dropped so that the owner's bits apply. Changing to another user instead would fail
// when the clone sits under a directory only root may enter (as a mktemp -d clone does).
const DROP = process.getuid?.() === 0 ? 'setpriv --inh-caps=-all --bounding-set=-all ' : '';

function cli(args: string): { status: number | null; stdout: string; stderr: string } {
  // stdin from /dev/null: Debian's bash reads ~/.bashrc even for -c when stdin is a socket (as under
  // some runners); the test should not depend on what that file does
  const out = spawnSync('bash', ['-c', `${DROP}bash -c 'ulimit -n 256; node bin/azl-playground.mjs ${args}'`], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: out.status, stdout: out.stdout, stderr: out.stderr };
}

describe('a real-size checkout under a low open-file limit', () => {
  it('config reads the whole project without EMFILE and without touching the 30,000 files the config does not name', () => {
    const out = cli(`config ${dir}`);
    expect(out.stderr).toBe('');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`components: ${COMPONENTS}`);
  }, 120_000);

  it('reads the overlay file, pin and lock the config names', () => {
    const c0 = cli(`config ${dir} --component c0`);
    expect(c0.status, c0.stdout + c0.stderr).toBe(0);
    expect(c0.stdout).toContain('overlay patch-add ""  # base/comps/c0/overlays/0001-add.overlay.toml:3');
    const c1 = cli(`config ${dir} --component c1 --json`);
    expect(JSON.parse(c1.stdout).upstream).toMatchObject({ commit: 'abcdef1', commitFrom: 'pin' });
    const c2 = cli(`config ${dir} --component c2 --json`);
    expect(JSON.parse(c2.stdout).upstream).toMatchObject({ commit: '1234567', commitFrom: 'lock' });
  }, 120_000);

  it('images reads the KIWI description with its fragments and the kickstarts with their includes, nothing else', () => {
    const out = cli(`images ${dir}`);
    expect(out.stderr).toBe('');
    expect(out).toMatchObject({ status: 0, stdout: 'cloud\nvm\n' });
  }, 120_000);
});
