import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject, resolveProject, type ResolvedProject } from '../../../src/lib/config/index.ts';
import { componentRenderRequest } from '../../../src/lib/image/build/overlays.ts';
import { renderComponent } from '../../../src/lib/overlay/index.ts';
import { checkOverlaysAgainstSpecs, deviationReport, deviationsMarkdown, isCommitUrl, type DeviationReport, type LintFinding } from '../../../src/lib/supply/index.ts';
import { aprilTreeWithSpecs } from './fixture-project.ts';

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

const SPEC = ['Name: frob', 'Version: 1.0', 'Release: 1%{?dist}', 'Summary: demo', 'License: MIT', '', '%description', 'demo', '', '%prep', '%setup -q', '', '%build', 'make CFLAGS="-O2"', ''].join('\n');

/** A one-component project: FROB_TOML after the component header, an overlay file, and the spec. */
function smallProject(componentToml: string, overlayFile?: string): Map<string, string> {
  const files = new Map([
    ['azldev.toml', 'includes = ["comps/*.comp.toml"]\n'],
    ['comps/frob.comp.toml', `[components.frob]\nspec = { type = "local", path = "frob.spec" }\n${componentToml}`],
    ['comps/frob.spec', SPEC],
  ]);
  if (overlayFile) files.set('comps/overlays/0001-change.overlay.toml', overlayFile);
  return files;
}

describe('lint rules on overlay configuration', () => {
  it('flags an overlay without a description and one without metadata, at its TOML line', async () => {
    const report = await reportOf(smallProject('[[components.frob.overlays]]\ntype = "spec-update-tag"\ntag = "Release"\nvalue = "2%{?dist}"\n'));
    expect(report.findings.map((f) => [f.rule, f.file, f.line, f.severity])).toEqual([
      ['overlay-no-description', 'comps/frob.comp.toml', 3, 'warning'],
      ['overlay-no-metadata', 'comps/frob.comp.toml', 3, 'warning'],
    ]);
    expect(report.findings[0]?.hint).toContain('azurelinux#17887');
  });

  it('flags a backport whose commits name no commit, and accepts one that links a commit', async () => {
    const file = (url: string) => `[metadata]\ncategory = "upstream-backport"\nupstream-status = "upstreamed"\ncommits = [{ url = "${url}" }]\n\n[[overlays]]\ndescription = "Fix the build with gcc 15"\ntype = "spec-update-tag"\ntag = "Release"\nvalue = "2%{?dist}"\n`;
    const pr = await reportOf(smallProject('overlay-files = ["overlays/*.overlay.toml"]\n', file('https://github.com/frob/frob/pull/12')));
    expect(pr.findings.map((f) => f.rule)).toEqual(['backport-without-commit']);
    expect(pr.findings[0]).toMatchObject({ severity: 'error', file: 'comps/overlays/0001-change.overlay.toml', line: 6 });
    expect(pr.findings[0]?.message).toContain('https://github.com/frob/frob/pull/12');
    const commit = await reportOf(smallProject('overlay-files = ["overlays/*.overlay.toml"]\n', file('https://github.com/frob/frob/commit/0123abc')));
    expect(commit.findings).toEqual([]);
  });

  it('flags a temporary workaround without a bug link, by category or by its description', async () => {
    const file = (bugs: string) => `[metadata]\ncategory = "azl-temp-workaround"\nupstream-status = "inapplicable"\n${bugs}\n[[overlays]]\ndescription = "Build without the docs until sphinx is imported"\ntype = "spec-update-tag"\ntag = "Release"\nvalue = "2%{?dist}"\n`;
    const none = await reportOf(smallProject('overlay-files = ["overlays/*.overlay.toml"]\n', file('')));
    expect(none.findings.map((f) => f.rule)).toEqual(['workaround-without-bug']);
    const tracked = await reportOf(smallProject('overlay-files = ["overlays/*.overlay.toml"]\n', file('bugs = [{ url = "https://github.com/microsoft/azurelinux/issues/1" }]\n')));
    expect(tracked.findings).toEqual([]);
    const worded = await reportOf(smallProject('[[components.frob.overlays]]\ndescription = "WORKAROUND: no sphinx yet"\ntype = "spec-update-tag"\ntag = "Release"\nvalue = "2%{?dist}"\nmetadata = { category = "azl-compatibility", upstream-status = "unknown" }\n'));
    expect(worded.findings.map((f) => f.rule)).toEqual(['workaround-without-bug']);
  });

  it('recognises commit links of the common forges and not other links', () => {
    for (const url of [
      'https://github.com/sssd/sssd/commit/308af8f2',
      'https://gitlab.com/group/project/-/commit/0123456789abcdef',
      'https://src.fedoraproject.org/rpms/bash/c/0123456789abcdef0123456789abcdef01234567',
      'https://git.kernel.org/pub/scm/linux/kernel/git/stable/linux.git/commit/?id=0123456789abcdef',
    ]) expect(isCommitUrl(url), url).toBe(true);
    for (const url of ['https://github.com/sssd/sssd/pull/8397', 'https://github.com/sssd/sssd', 'https://bugzilla.redhat.com/show_bug.cgi?id=123456']) expect(isCommitUrl(url), url).toBe(false);
  });
});

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
