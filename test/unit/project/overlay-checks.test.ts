import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject, resolveProject, type ResolvedProject } from '../../../src/lib/config/index.ts';
import { componentRenderRequest } from '../../../src/lib/project/build/overlays.ts';
import { checkOverlaysAgainstSpecs } from '../../../src/lib/project/overlay-checks.ts';
import { renderComponent } from '../../../src/lib/overlay/index.ts';
import { deviationReport, deviationsMarkdown, type DeviationReport, type LintFinding } from '../../../src/lib/supply/index.ts';
import { aprilTreeWithSpecs, smallProject } from '../supply/fixture-project.ts';

function resolved(files: Map<string, string>): ResolvedProject {
  const loaded = loadProject(files);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return resolveProject(loaded.project);
}

async function reportOf(files: Map<string, string>): Promise<DeviationReport> {
  const project = resolved(files);
  return deviationReport(project, await checkOverlaysAgainstSpecs(project, files));
}

const rules = (findings: LintFinding[], component: string) => findings.filter((f) => f.component === component).map((f) => `${f.overlay === null ? '-' : f.overlay + 1} ${f.rule}`);

describe('lint rules that apply the overlays to their specs', () => {
  it('flags a search-replace that matches whole lines unanchored, and not one that edits a fragment', async () => {
    const report = await reportOf(smallProject([
      '[[components.frob.overlays]]', 'description = "Apply patches"', 'type = "spec-search-replace"', "regex = '%setup -q'", 'replacement = "%autosetup -p1"',
      'metadata = { category = "azl-compatibility", upstream-status = "upstreamable" }',
      '[[components.frob.overlays]]', 'description = "Optimise harder"', 'type = "spec-search-replace"', "regex = '-O2'", 'replacement = "-O3"',
      'metadata = { category = "azl-compatibility", upstream-status = "upstreamable" }', '',
    ].join('\n')));
    expect(report.findings.map((f) => [f.rule, f.overlay, f.line])).toEqual([['unanchored-pattern', 0, 3]]);
    expect(report.findings[0]?.hint).toContain(`regex = "^%setup -q$"`);
    expect(report.specChecks).toEqual({ checked: ['frob'], unchecked: [] });
  });

  it('flags an overlay that no longer applies, with the engine\'s reason', async () => {
    const report = await reportOf(smallProject([
      '[[components.frob.overlays]]', 'description = "Drop the old configure flag"', 'type = "spec-search-replace"', "regex = '^%configure --with-old$'", 'replacement = "%configure"',
      'metadata = { category = "azl-compatibility", upstream-status = "upstreamable" }', '',
    ].join('\n')));
    expect(report.findings.map((f) => [f.rule, f.severity, f.line])).toEqual([['overlay-does-not-apply', 'error', 3]]);
    expect(report.findings[0]?.message).toContain('pattern "^%configure --with-old$" not found');
  });
});

describe('lint over the Azure Linux fixture tree with the overlay tests\' specs', () => {
  let files: Map<string, string>;
  let report: DeviationReport;
  beforeAll(async () => {
    files = aprilTreeWithSpecs();
    report = await reportOf(files);
  });

  it('applies every overlay that has a spec and lists the one component without', () => {
    expect(report.specChecks?.checked).toHaveLength(17);
    expect(report.specChecks?.unchecked).toEqual([{ component: 'azurelinux-rpm-config', spec: 'base/comps/azurelinux-rpm-config/redhat-rpm-config.spec', overlays: 17 }]);
    expect(report.findings.filter((f) => f.rule === 'overlay-does-not-apply')).toEqual([]);
  });

  it('counts no-metadata and no-description findings as the overlays hold them', () => {
    expect(report.totals.findingsByRule['overlay-no-metadata']).toBe(report.overlays.filter((o) => o.category === null).length);
    expect(report.totals.findingsByRule['overlay-no-description']).toBe(report.overlays.filter((o) => o.description === null).length);
    expect(rules(report.findings, 'edk2').filter((r) => r.endsWith('workaround-without-bug'))).toEqual(['5 workaround-without-bug', '6 workaround-without-bug', '7 workaround-without-bug']);
  });

  it('suggests anchoring %setup -q in apache-sshd (the example of azurelinux#17964) and leaves the anchored shim patterns alone', () => {
    expect(rules(report.findings, 'apache-sshd')).toContain('3 unanchored-pattern');
    // shim's first pattern is open-ended (`%global dist.*`), its other three are written ^…$ already.
    expect(rules(report.findings, 'shim').filter((r) => r.endsWith('unanchored-pattern'))).toEqual(['1 unanchored-pattern']);
    const sshd = report.findings.find((f) => f.component === 'apache-sshd' && f.rule === 'unanchored-pattern');
    expect(sshd?.message).toContain('"^%setup -q$"');
  });

  it('every anchoring it suggests renders the very same spec (checked by rendering the component both ways)', async () => {
    const suggested = report.findings.filter((f) => f.rule === 'unanchored-pattern');
    expect(suggested.length).toBeGreaterThan(20);
    const project = resolved(files);
    for (const f of suggested) {
      const component = project.components[f.component];
      if (!component || f.overlay === null) throw new Error(`no component ${f.component}`);
      const anchored = f.suggestedRegex as string;
      expect(anchored).toMatch(/^(\(\?[a-zA-Z]+\))?\^.*\$$/);
      const before = await renderComponent(componentRenderRequest(component, files));
      const changed = { ...component, overlays: component.overlays.map((o, i) => (i === f.overlay ? { ...o, overlay: { ...o.overlay, regex: anchored } } : o)) };
      const after = await renderComponent(componentRenderRequest(changed, files));
      expect(after.ok, `${f.component} #${f.overlay + 1}`).toBe(true);
      expect(after.files[after.specPath], `${f.component} #${f.overlay + 1}`).toBe(before.files[before.specPath]);
    }
  });

  it('regression: a spec line an overlay targets is gone upstream, and the report says which overlay broke', async () => {
    const changed = new Map(files);
    changed.set('base/comps/gcc/gcc.spec', (files.get('base/comps/gcc/gcc.spec') as string).replace('%global build_go 1\n', ''));
    const broken = await reportOf(changed);
    const stale = broken.findings.filter((f) => f.rule === 'overlay-does-not-apply');
    expect(stale.map((f) => `${f.component} ${(f.overlay ?? -1) + 1} ${f.file}:${f.line}`)).toEqual(['gcc 3 base/comps/gcc/gcc.comp.toml:22']);
    expect(deviationsMarkdown(broken)).toContain('| `overlay-does-not-apply` | error | `gcc` | 3 |');
  });
});
