import { describe, expect, it } from 'vitest';
import { loadProject, resolveProject, type ResolvedProject } from '../../../src/lib/config/index.ts';
import { checkOverlaysAgainstSpecs } from '../../../src/lib/project/overlay-checks.ts';
import { deviationReport, isCommitUrl, type DeviationReport } from '../../../src/lib/supply/index.ts';
import { smallProject } from './fixture-project.ts';

function resolved(files: Map<string, string>): ResolvedProject {
  const loaded = loadProject(files);
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return resolveProject(loaded.project);
}

async function reportOf(files: Map<string, string>): Promise<DeviationReport> {
  const project = resolved(files);
  return deviationReport(project, await checkOverlaysAgainstSpecs(project, files));
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
