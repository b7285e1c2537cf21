import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { bumpRelease, planRelease, renderComponent, usesAutorelease, type OverlayInput, type ReleaseRule, type RenderRequest } from '../../../src/lib/overlay/index.ts';
import { splitSpecLines } from '../../../src/lib/overlay/spec/model.ts';
import { FIXTURES } from './helpers.ts';

const DIR = join(FIXTURES, 'golden', 'release');
// UPDATE_GOLDEN=1 rewrites the expected files after a reviewed change in behaviour.
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';
const overlays = (parse(readFileSync(join(DIR, 'hello.overlays.toml'), 'utf8')) as unknown as { overlays: OverlayInput[] }).overlays;

function render(spec: string, calculation: string | undefined, extra: Partial<RenderRequest> = {}) {
  return renderComponent({
    component: { name: 'hello', overlays, ...(calculation ? { release: { calculation } } : {}) },
    sources: { 'hello.spec': readFileSync(join(DIR, spec), 'utf8') },
    syntheticCommits: 1,
    ...extra,
  });
}

function golden(name: string, text: string): void {
  const path = join(DIR, name);
  if (UPDATE) writeFileSync(path, text);
  expect(text).toBe(readFileSync(path, 'utf8'));
}

describe('golden renders of the header and the release calculation (azldev sources/release.go)', () => {
  it('auto with a static Release: the two-line header, then Release bumped by the synthetic commits, written "Release: N"', async () => {
    const result = await render('hello.spec', 'auto');
    expect(result.ok).toBe(true);
    golden('hello.auto.expected.spec', result.files['hello.spec'] as string);
    const step = result.overlays.at(-1);
    expect(step).toMatchObject({ origin: { kind: 'release' }, type: 'spec-update-tag', status: 'ok', description: 'Release calculation (auto, 1 synthetic commit): 3%{?dist} → 4%{?dist}' });
    // The subpackage requires the exact build, so the bump reaches both binary packages.
    expect(result.packageChanges.map((p) => [p.specPackage, p.release?.after])).toEqual([['', '4.azl4'], ['doc', '4.azl4']]);
  });

  it('an absent calculation is auto', async () => {
    expect((await render('hello.spec', undefined)).files['hello.spec']).toBe(readFileSync(join(DIR, 'hello.auto.expected.spec'), 'utf8'));
  });

  it('auto with %autorelease: the Release is rpmautospec\'s, and the rendered view says it cannot run offline', async () => {
    const result = await render('hello-autorelease.spec', 'auto');
    expect(result.ok).toBe(true);
    golden('hello-autorelease.auto.expected.spec', result.files['hello.spec'] as string);
    expect(result.overlays.some((o) => o.origin.kind === 'release')).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ severity: 'info', code: 'overlay/rpmautospec', line: 6, message: expect.stringMatching(/^%autorelease and %autochangelog stay as written here: azldev runs rpmautospec \(process-distgit\).*not available offline/) }),
    ]);
  });

  it('manual leaves the Release as the overlays left it', async () => {
    const result = await render('hello.spec', 'manual');
    expect(result.ok).toBe(true);
    golden('hello.manual.expected.spec', result.files['hello.spec'] as string);
    expect(result.files['hello.spec']).toContain('\nRelease:        3%{?dist}\n');
    expect(result.overlays.some((o) => o.origin.kind === 'release')).toBe(false);
  });

  it('no synthetic commits, no bump', async () => {
    const result = await render('hello.spec', 'auto', { syntheticCommits: 0 });
    expect(result.files['hello.spec']).toContain('\nRelease:        3%{?dist}\n');
  });

  it('static with %autorelease is an error that names the fix', async () => {
    const result = await render('hello-autorelease.spec', 'static');
    const step = result.overlays.at(-1);
    expect(step).toMatchObject({ origin: { kind: 'release' }, status: 'error', specLine: 6, message: 'release.calculation = "static" but the Release tag uses %autorelease; set release.calculation = "autorelease" instead' });
    expect(result.ok).toBe(false);
  });

  it('a Release written by an overlay is bumped again: azldev reads the Release the overlays left', async () => {
    const result = await render('hello.spec', 'auto', {
      component: { name: 'hello', overlays: [{ type: 'spec-set-tag', tag: 'Release', value: '7%{?dist}' }] },
    });
    expect(result.files['hello.spec']).toContain('\nRelease: 8%{?dist}\n');
  });
});

describe('which static Release values are bumped', () => {
  const cases: [value: string, rule: ReleaseRule, bumped: string | null][] = [
    ['3%{?dist}', 'azldev-1.0', '4%{?dist}'],
    ['3%{dist}', 'azldev-1.0', '4%{dist}'],
    ['3', 'azldev-1.0', '4'],
    ['3.rc1%{?dist}', 'azldev-1.0', null],
    ['0.1%{?dist}', 'azldev-1.0', null],
    ['%{baserelease}%{?dist}', 'azldev-1.0', null],
    // The azldev that rendered the April 2026 tree bumped any leading integer and kept the rest.
    ['3.rc1%{?dist}', 'april-2026', '4.rc1%{?dist}'],
    ['0.1%{?dist}', 'april-2026', '1.1%{?dist}'],
    ['3%{?dist}', 'april-2026', '4%{?dist}'],
    ['%{baserelease}%{?dist}', 'april-2026', null],
  ];
  it.each(cases)('%s under %s', (value, rule, bumped) => {
    expect(bumpRelease(value, 1, rule)).toBe(bumped);
  });

  it('recognises the %autorelease forms azldev does', () => {
    for (const yes of ['%autorelease', '%{autorelease}', '%{?autorelease}', '%{autorelease -e asan}', '%autorelease -b 2']) expect(usesAutorelease(yes), yes).toBe(true);
    for (const no of ['%{autorelease_base}', '3%{?dist}', '%autoreleaseX']) expect(usesAutorelease(no), no).toBe(false);
  });

  it('reads the last Release of the main package, as azldev does, and refuses a spec with none', () => {
    const lines = splitSpecLines('Name: x\n%if 0\nRelease: 1%{?dist}\n%else\nRelease: 5%{?dist}\n%endif\n%package y\nRelease: 9\n');
    expect(planRelease(lines, 'auto', 1, 'azldev-1.0')).toEqual({ kind: 'bump', from: '5%{?dist}', to: '6%{?dist}', line: 5 });
    expect(planRelease(splitSpecLines('Name: x\n'), 'auto', 1, 'azldev-1.0')).toMatchObject({ kind: 'error', message: 'the spec has no Release tag in its main package, so azldev cannot calculate the release' });
  });

  it('names the April 2026 behaviour when azldev 1.0 refuses what the older azldev bumped', () => {
    const plan = planRelease(splitSpecLines('Name: x\nRelease: 2.beta%{?dist}\n'), 'auto', 1, 'azldev-1.0');
    expect(plan).toMatchObject({ kind: 'error', line: 2 });
    expect(plan.kind === 'error' && plan.message).toBe(
      'the Release tag value "2.beta%{?dist}" cannot be bumped automatically (the azldev that rendered the April 2026 tree bumped any leading integer and wrote 3.beta%{?dist}; azldev 0ce1bc8 narrowed the rule to an integer with an optional %{?dist}); set release.calculation = "manual" and, if needed, a spec-set-tag overlay for Release',
    );
  });
});
