import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject, resolveProject } from '../../../src/lib/config/index.ts';
import { checkOverlaysAgainstSpecs } from '../../../src/lib/project/overlay-checks.ts';
import { deviationReport, deviationsJson, deviationsMarkdown, type DeviationReport } from '../../../src/lib/supply/index.ts';
import { fixtureProject } from './fixture-project.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

interface TomlOverlay {
  type: string;
  metadata?: { category?: string };
}
interface TomlComponent {
  overlays?: TomlOverlay[];
  build?: { check?: { skip?: boolean } };
}

/** Counts straight from the TOML text (smol-toml), without the config model: what the files hold. */
function countFromFiles(files: Map<string, string>): { total: number; byType: Record<string, number>; byCategory: Record<string, number>; perComponent: Record<string, number> } {
  const byType: Record<string, number> = {};
  const byCategory: Record<string, number> = {};
  const perComponent: Record<string, number> = {};
  let total = 0;
  const add = (component: string, overlay: TomlOverlay, category: string | undefined) => {
    total += 1;
    byType[overlay.type] = (byType[overlay.type] ?? 0) + 1;
    const c = category ?? 'uncategorized';
    byCategory[c] = (byCategory[c] ?? 0) + 1;
    perComponent[component] = (perComponent[component] ?? 0) + 1;
  };
  for (const [path, text] of files) {
    if (!path.endsWith('.toml')) continue;
    const doc = parse(text) as { components?: Record<string, TomlComponent>; overlays?: TomlOverlay[]; metadata?: { category?: string } };
    for (const [name, component] of Object.entries(doc.components ?? {})) for (const o of component.overlays ?? []) add(name, o, o.metadata?.category);
    if (path.endsWith('.overlay.toml')) {
      // base/comps/<component>/overlays/<file>.overlay.toml
      const component = path.split('/')[2] as string;
      for (const o of doc.overlays ?? []) add(component, o, doc.metadata?.category);
    }
  }
  return { total, byType, byCategory, perComponent };
}

describe('the deviation report over the Azure Linux fixture tree', () => {
  let files: Map<string, string>;
  let report: DeviationReport;
  beforeAll(async () => {
    files = fixtureProject();
    const loaded = loadProject(files);
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const project = resolveProject(loaded.project);
    report = deviationReport(project, await checkOverlaysAgainstSpecs(project, files));
  });

  it('counts the overlays by type, category and component exactly as the TOML files hold them', () => {
    const expected = countFromFiles(files);
    // 108 inline overlays in the April component files, plus 6 + 4 + 17 in the later overlay files.
    expect(expected.total).toBe(108 + 27);
    expect(report.overlays).toHaveLength(expected.total);
    expect(report.totals.byKind.overlays).toBe(expected.total);
    expect(report.totals.overlaysByType).toEqual(expected.byType);
    expect(report.totals.overlaysByCategory).toEqual(expected.byCategory);
    expect(report.totals.overlaysByComponent).toEqual(expected.perComponent);
    expect(report.totals.overlaysByCategory).toEqual({ 'azl-branding-policy': 17, 'azl-platform-adaptation': 6, 'azl-pruning': 4, uncategorized: 108 });
  });

  it('gives each overlay its component, type, description, TOML file:line and the metadata of its overlay file', () => {
    const ant = report.overlays.filter((o) => o.component === 'ant');
    expect(ant.map((o) => o.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(ant[0]).toMatchObject({ file: 'base/comps/ant/overlays/0004-select-msopenjdk25-binding.overlay.toml', category: 'azl-platform-adaptation', upstreamStatus: 'inapplicable', commits: [], bugs: [] });
    const text = files.get(ant[0]?.file as string)?.split('\n') ?? [];
    expect(text[(ant[0]?.line as number) - 1]).toBe('[[overlays]]');
    const sshd = report.overlays.find((o) => o.component === 'apache-sshd');
    expect(sshd).toMatchObject({ type: 'spec-append-lines', section: '%prep', description: 'Remove maven-remote-resources-plugin (Xpp3Dom classloading clash with plexus-xml/maven4)', file: 'base/comps/apache-sshd/apache-sshd.comp.toml', line: 3, category: null });
    // The inline-array style: the overlay's line is its inline table's.
    const shim = report.overlays.filter((o) => o.component === 'shim');
    expect(shim.length).toBeGreaterThan(0);
    for (const o of shim) expect(files.get(o.file)?.split('\n')[o.line - 1]).toContain('type =');
  });

  it('lists the other deviations in arrays of their own, each at its TOML line', () => {
    expect(report.localSpecs.map((d) => d.component)).toEqual(['azurelinux-release', 'azurelinux-repos']);
    expect(report.upstreams.map((d) => `${d.component} ${d.kind} ${d.value}`)).toEqual([
      'ImageMagick commit d19ffa4ff6561de088a5d92bfe95950591aa82f8',
      'azurelinux-rpm-config name redhat-rpm-config',
      'bash distro-version rawhide',
      'rust-signal-hook0.3 commit 4a64708a0ecb0cc67fccaa7ddef8676cc0b4319f',
      'shim commit 7b08c421ed4dbca88af0cbaabb73332d08944c86',
    ]);
    expect(report.baseline).toEqual({ distro: 'fedora', version: '43', snapshot: '2026-02-24T00:00:00-08:00' });
    // Every component but the two with local specs: the 7,382 bare ones, the 24 component files and ant.
    expect(report.snapshots).toEqual([{ snapshot: '2026-02-24T00:00:00-08:00', file: 'distro/azurelinux.distro.toml', line: 38, components: 7382 + 24 + 1 - 2 }]);
    expect(report.releases.map((d) => d.component)).toEqual(['gcc', 'kernel', 'kernel-headers', 'rpm']);
    expect(report.buildOptions.filter((d) => d.component === 'kernel').map((d) => `${d.kind} ${d.name}${d.value ? `=${d.value}` : ''} @${d.line}`)).toEqual([
      'without debug @9', 'define azl_pkgrelease=8 @13', 'define kextraversion=1 @16', 'define azurelinux_version=3 @18',
    ]);
    expect(report.sourceFiles.map((d) => `${d.component} ${d.origin} ${d.uri}`)).toEqual([
      'kernel download https://github.com/microsoft/CBL-Mariner-Linux-Kernel/archive/rolling-lts/mariner-3/6.18.5.1.tar.gz',
      'kernel-headers download https://github.com/microsoft/CBL-Mariner-Linux-Kernel/archive/rolling-lts/mariner-3/6.18.5.1.tar.gz',
    ]);
    for (const list of [report.localSpecs, report.upstreams, report.releases, report.buildOptions, report.sourceFiles]) {
      for (const d of list) expect(files.get(d.file)?.split('\n')[d.line - 1], `${d.file}:${d.line}`).toBeTruthy();
    }
  });

  it('lists every skipped check with its reason: the group members that exist, and the components that skip their own', () => {
    const group = (parse(files.get('base/comps/component-check-disablement.toml') as string) as { 'component-groups': Record<string, { components: string[] }> })['component-groups'];
    const defined = new Set(Object.keys(resolveProject(loadProject(files).project).components));
    const members = Object.values(group).flatMap((g) => g.components).filter((c) => defined.has(c));
    const own = ['azurelinux-repos', 'coreutils'];
    expect(report.skippedChecks.map((d) => d.component)).toEqual([...new Set([...members, ...own])].sort((a, b) => (a < b ? -1 : 1)));
    expect(report.skippedChecks.find((d) => d.component === 'coreutils')).toMatchObject({ file: 'base/comps/coreutils/coreutils.comp.toml', line: 4 });
    expect(report.skippedChecks.find((d) => d.component === 'coreutils')?.reason).toMatch(/^Test tests\/tail\/inotify-rotate-resources/);
  });

  it('lists every overlaid component as unchecked, since the tree holds no specs', () => {
    expect(report.specChecks?.checked).toEqual([]);
    expect(report.specChecks?.unchecked.map((u) => u.component)).toEqual(Object.keys(report.totals.overlaysByComponent));
  });

  it('writes the same bytes whatever order the files were read in (golden JSON and Markdown)', async () => {
    const reversed = new Map([...files].reverse());
    const project = resolveProject(loadProject(reversed).project);
    const again = deviationReport(project, await checkOverlaysAgainstSpecs(project, reversed));
    expect(deviationsJson(again)).toBe(deviationsJson(report));
    golden('azurelinux-fixture.deviations.json', deviationsJson(report));
    golden('azurelinux-fixture.deviations.md', deviationsMarkdown(report));
  });
});
