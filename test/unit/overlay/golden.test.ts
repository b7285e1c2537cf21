import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { renderComponent, type ComponentOverlayConfig, type VirtualFiles } from '../../../src/lib/overlay/index.ts';
import { FIXTURES } from './helpers.ts';

const GOLDEN = join(FIXTURES, 'golden');
// Set UPDATE_GOLDEN=1 to rewrite the expected files after a reviewed change in behaviour.
const UPDATE = process.env.UPDATE_GOLDEN === '1';

async function renderGolden(name: string) {
  const doc = parse(readFileSync(join(GOLDEN, `${name}.overlays.toml`), 'utf8')) as unknown as { components: Record<string, ComponentOverlayConfig> };
  const config = doc.components[name] as ComponentOverlayConfig;
  // Patches named as overlay `source` live in the project; every other patch is a source file.
  const overlaySources = new Set((config.overlays ?? []).map((o) => o.source).filter((s): s is string => !!s));
  const files: VirtualFiles = {};
  const sources: VirtualFiles = { [`${name}.spec`]: readFileSync(join(GOLDEN, `${name}.spec`), 'utf8') };
  for (const patch of readdirSync(GOLDEN).filter((f) => f.endsWith('.patch'))) {
    const text = readFileSync(join(GOLDEN, patch), 'utf8');
    if (overlaySources.has(patch)) files[`golden/${patch}`] = text;
    else sources[patch] = text;
  }
  return renderComponent({ component: { ...config, name }, sources, projectFiles: files, componentDir: 'golden' });
}

describe('golden renders of Fedora-style specs', () => {
  for (const name of ['libfoo', 'frobd']) {
    it(`${name}: every overlay applies and the spec matches ${name}.expected.spec`, async () => {
      const result = await renderGolden(name);
      expect(result.overlays.filter((o) => o.status !== 'ok').map((o) => `${o.description}: ${o.message}`)).toEqual([]);
      const expectedPath = join(GOLDEN, `${name}.expected.spec`);
      if (UPDATE) writeFileSync(expectedPath, result.files[`${name}.spec`] as string);
      expect(result.files[`${name}.spec`]).toBe(readFileSync(expectedPath, 'utf8'));
    });
  }

  it('libfoo: package change sets follow the overlays', async () => {
    const { packageChanges } = await renderGolden('libfoo');
    const byPkg = Object.fromEntries(packageChanges.map((p) => [p.specPackage, p]));
    expect(byPkg.common?.status).toBe('removed');
    expect(byPkg['']?.release).toEqual({ before: '%autorelease', after: '5.azl4' });
    expect(byPkg['']?.removed.map((d) => d.expanded)).toEqual(['libfoo-common = 3.4.1-%autorelease']);
    // The release bump changes every dependency that spells out %{release}, which the resolver must see.
    expect(byPkg.devel?.added.map((d) => [d.kind, d.expanded])).toEqual([['Requires', 'libfoo = 3.4.1-5.azl4'], ['Requires', 'zlib-devel']]);
    expect(byPkg.devel?.removed.map((d) => [d.kind, d.expanded])).toEqual([['Requires', 'libfoo = 3.4.1-%autorelease']]);
    expect(byPkg.devel?.release).toEqual({ before: '%autorelease', after: '5.azl4' });
    const recommends = byPkg['python3-foo']?.removed.filter((d) => d.kind === 'Recommends');
    expect(recommends?.map((d) => [d.name, d.conditions])).toEqual([['python3-numpy', ['%if %{with python}']]]);
    expect(byPkg['python3-foo']?.name).toEqual({ before: 'python3-foo', after: 'python3-foo' });
  });

  it('frobd: the unscoped search-replace is flagged as fragile, and the version bump reaches every package', async () => {
    const result = await renderGolden('frobd');
    const fragile = result.overlays.find((o) => o.description.startsWith('Fix config path'));
    expect(fragile?.diagnostics.map((d) => [d.code, d.severity])).toEqual([['overlay/fragile-pattern', 'warning']]);
    expect(fragile?.diagnostics[0]?.message).toMatch(/2 sections \(%prep, %files\)/);
    const scoped = result.overlays.find((o) => o.description === 'And its %patch line');
    expect(scoped?.diagnostics).toEqual([]);
    const byPkg = Object.fromEntries(result.packageChanges.map((p) => [p.specPackage, p]));
    expect(byPkg.libs?.version).toEqual({ before: '2.0.7', after: '2.0.8' });
    expect(byPkg['']?.added.map((d) => d.expanded)).toEqual(['frobd-libs = 2.0.8-%autorelease', 'frobnicator = 2.0.8-%autorelease', 'frob = 2.0.8-%autorelease']);
    expect(byPkg['']?.removed.map((d) => d.expanded)).toEqual(['frobd-libs = 2.0.7-%autorelease', 'frobnicator = 2.0.7-%autorelease']);
    expect(byPkg.selinux?.status).toBe('removed');
  });
});
