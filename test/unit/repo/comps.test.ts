import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expandGroup, mergeComps, parseComps, type CompsModel } from '../../../src/lib/repo/index.ts';
import { CS9, DEBIAN, FIXTURES } from './support.ts';

function load(text: string, file: string): CompsModel {
  const parsed = parseComps(text, file);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

const cs9 = load(new TextDecoder().decode(gunzipSync(readFileSync(join(CS9, 'repodata/2ac4e27794f840034a13bb60800aba194e89fcd2175c87f57cfbd649139feff3-comps-BaseOS.x86_64.xml.gz')))), 'comps-BaseOS.x86_64.xml');
const debian = load(readFileSync(join(DEBIAN, 'repodata/5865f5c5495596b61733e7ea69021cf16cd2c140e8914ab6421a62864a35a54c-comps.xml'), 'utf8'), 'comps.xml');
const f41 = load(readFileSync(join(FIXTURES, 'fedora-comps/comps-f41.xml.in'), 'utf8'), 'comps-f41.xml.in');

function jobsOf(comps: CompsModel[], id: string, options = {}) {
  const expanded = expandGroup(comps, id, options);
  if (!expanded.ok) throw new Error(expanded.error.message);
  return expanded.value;
}

describe('parseComps', () => {
  it('reads CS9 BaseOS comps: 34 groups, 3 environments, 4 categories', () => {
    expect([cs9.groups.length, cs9.environments.length, cs9.categories.length]).toEqual([34, 3, 4]);
    const core = cs9.groups.find((g) => g.id === 'core')!;
    expect(core.name.text).toBe('Core');
    expect(core.description.text).toBe('Minimal host installation');
    expect(core.isDefault).toBe(true);
    expect(core.userVisible).toBe(false);
    expect(core.packages.length).toBe(78);
    expect(core.packages.filter((p) => p.type === 'optional').length).toBe(5);
    const minimal = cs9.environments.find((e) => e.id === 'minimal-environment')!;
    expect(minimal).toMatchObject({ displayOrder: 3, groups: ['core'], options: [{ id: 'guest-agents', isDefault: false }, { id: 'standard', isDefault: false }] });
  });

  it('reads fedora-comps .xml.in (`_name`, `_description`), arch filters, conditionals and untyped packagereq', () => {
    expect([f41.groups.length, f41.environments.length, f41.categories.length]).toEqual([158, 21, 16]);
    const core = f41.groups.find((g) => g.id === 'core')!;
    expect(core.name.text).toBe('Core');
    expect(core.description.text).toBe('Smallest possible installation');
    expect(core.packages.find((p) => p.name === 's390utils-base')).toEqual({ name: 's390utils-base', type: 'default', arch: ['s390x'] });
    const design = f41.groups.find((g) => g.id === 'design-suite')!;
    expect(design.packages.find((p) => p.name === 'darktable-tools-noise')).toEqual({ name: 'darktable-tools-noise', type: 'conditional', requires: 'darktable', arch: ['aarch64', 'ppc64le', 'x86_64'] });
    // yum/dnf read a packagereq without type as mandatory
    expect(f41.groups.find((g) => g.id === 'admin-tools')!.packages.find((p) => p.name === 'abrt-desktop')?.type).toBe('mandatory');
    const ws = f41.environments.find((e) => e.id === 'workstation-product-environment')!;
    expect(ws.name.text).toBe('Fedora Workstation');
    expect(ws.options.find((o) => o.id === 'base-x')).toEqual({ id: 'base-x', isDefault: true });
  });

  it('reads xml:lang translations', () => {
    const model = load(
      `<comps><group><id>core</id><name>Core</name><name xml:lang="de">Kern</name><description>Smallest</description><description xml:lang="de">Kleinste</description>
      <default>true</default><uservisible>false</uservisible><packagelist><packagereq type="mandatory">bash</packagereq></packagelist></group></comps>`,
      'x.xml',
    );
    expect(model.groups[0]).toMatchObject({ name: { text: 'Core', translations: { de: 'Kern' } }, description: { text: 'Smallest', translations: { de: 'Kleinste' } }, isDefault: true });
  });

  it('locates malformed comps at line:col and refuses non-comps XML', () => {
    const broken = parseComps('<comps>\n<group>\n<id>core</idd>\n</group></comps>', 'comps.xml');
    expect(broken.ok).toBe(false);
    if (!broken.ok) {
      expect(broken.error.code).toBe('comps/malformed-xml');
      expect(broken.error.diagnostic).toMatchObject({ file: 'comps.xml', line: 3 });
    }
    const other = parseComps('<repomd/>');
    expect(!other.ok && other.error.message).toContain('not a comps file');
  });

  it('a quote left open in the DOCTYPE hides <comps>: the refusal points at the element read as the root (fuzz seed -1254104454)', () => {
    const text = '<?xml version="1.0"?>\n<!DOCTYPE x "1.0\n<comps>\n<group><id>core</id></group>" >\n\n  <langpacks/>\n';
    const result = parseComps(text, 'comps.xml');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('comps/malformed-xml');
      expect(result.error.diagnostic).toMatchObject({ file: 'comps.xml', line: 6 });
    }
  });
});

describe('expandGroup', () => {
  it('CS9 @core: mandatory + default by default; --nodefaults; --with-optional', () => {
    expect(jobsOf([cs9], 'core').jobs.length).toBe(73);
    expect(jobsOf([cs9], 'core', { noDefaults: true }).jobs.length).toBe(46);
    expect(jobsOf([cs9], 'core', { withOptional: true }).jobs.length).toBe(78);
    expect(jobsOf([cs9], 'core').jobs[0]).toMatchObject({ group: 'core', type: expect.stringMatching(/mandatory|default/) });
  });

  it('Debian stand-in @core: 65 jobs, 33 mandatory', () => {
    const core = jobsOf([debian], 'core');
    expect(core.jobs.length).toBe(65);
    expect(core.jobs.filter((j) => j.type === 'mandatory').length).toBe(33);
    expect(core.jobs.find((j) => j.name === 'bash')).toEqual({ group: 'core', name: 'bash', type: 'mandatory' });
  });

  it('filters by arch: f41 core has 45 mandatory/default entries, 42 for x86_64', () => {
    expect(jobsOf([f41], 'core').jobs.length).toBe(45);
    expect(jobsOf([f41], 'core', { arch: 'x86_64' }).jobs.length).toBe(42);
    expect(jobsOf([f41], 'core', { arch: 's390x' }).jobs.map((j) => j.name)).toContain('s390utils-base');
  });

  it('keeps conditional packages with the package that triggers them', () => {
    const design = jobsOf([f41], 'design-suite', { arch: 'x86_64' });
    expect(design.jobs.find((j) => j.name === 'gimp-help')).toEqual({ group: 'design-suite', name: 'gimp-help', type: 'conditional', requires: 'gimp' });
  });

  it('accepts a display name (case-insensitive) and a leading @', () => {
    expect(jobsOf([f41], 'fedora workstation').id).toBe('workstation-product-environment');
    expect(jobsOf([cs9], '@core').id).toBe('core');
  });

  it('expands an environment to its grouplist, adding optionlist groups only with --with-optional', () => {
    const env = jobsOf([debian], 'debian-standard');
    expect(env.kind).toBe('environment');
    expect(env.groups).toEqual(['core', 'standard']);
    expect(env.jobs.length).toBe(65 + 38);
    const minimal = jobsOf([cs9], 'minimal-environment');
    expect(minimal.groups).toEqual(['core']);
    // guest-agents lives in AppStream's comps, not BaseOS'
    const withOptional = jobsOf([cs9], 'minimal-environment', { withOptional: true });
    expect(withOptional.groups).toEqual(['core', 'standard']);
    expect(withOptional.missingGroups).toEqual(['guest-agents']);
  });

  it('reports environment groups that no comps defines', () => {
    const ws = jobsOf([f41], 'workstation-product-environment', { withOptional: true });
    expect(ws.missingGroups).toEqual([]);
    const partial = jobsOf([{ groups: [], environments: f41.environments, categories: [] }, { ...cs9, environments: [] }], 'workstation-product-environment');
    const cs9Ids = new Set(cs9.groups.map((g) => g.id));
    expect(partial.groups.every((id) => cs9Ids.has(id))).toBe(true);
    expect(partial.groups).toContain('core');
    expect(partial.missingGroups.length).toBeGreaterThan(0);
    expect(partial.missingGroups.some((id) => cs9Ids.has(id))).toBe(false);
    expect(partial.groups.length + partial.missingGroups.length).toBe(13);
  });

  it('merges groups of the same id across repos like dnf: the union of their package lists', () => {
    const extra: CompsModel = {
      groups: [{ id: 'core', name: { text: 'Core (extra)', translations: {} }, description: { text: '', translations: {} }, isDefault: false, userVisible: true, packages: [{ name: 'bash', type: 'optional' }, { name: 'zsh-extra', type: 'mandatory' }] }],
      environments: [],
      categories: [],
    };
    const merged = mergeComps([debian, extra]);
    const core = merged.groups.find((g) => g.id === 'core')!;
    expect(core.name.text).toBe('Core');
    expect(core.packages.length).toBe(66);
    expect(core.packages.find((p) => p.name === 'bash')?.type).toBe('mandatory');
    expect(jobsOf([debian, extra], 'core').jobs.map((j) => j.name)).toContain('zsh-extra');
  });

  it('an unknown group is a clear failure listing known ids', () => {
    const missing = expandGroup([cs9], 'no-such-group');
    expect(missing.ok).toBe(false);
    if (!missing.ok) {
      expect(missing.error.code).toBe('comps/unknown-group');
      expect(missing.error.hint).toContain('additional-devel');
    }
    expect(!expandGroup([], 'core').ok && expandGroup([], 'core')).toMatchObject({ error: { hint: expect.stringContaining('None of the loaded repositories') } });
  });

  it('kind restricts the match to groups or environments', () => {
    expect(expandGroup([cs9], 'minimal-environment', { kind: 'group' }).ok).toBe(false);
    expect(jobsOf([cs9], 'minimal-environment', { kind: 'environment' }).kind).toBe('environment');
  });
});
