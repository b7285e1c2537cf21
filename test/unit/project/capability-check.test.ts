import { beforeAll, describe, expect, it } from 'vitest';
import type { LoadedRepo } from '../../../src/lib/project/build/index.ts';
import { applyFileEdit, checkBuildCapabilities, type CapabilityReport } from '../../../src/lib/project/capability-check.ts';
import { planImage } from '../../../src/lib/project/plan-image.ts';
import type { Resolver } from '../../../src/lib/resolve/resolver.ts';
import { buildFromFiles, bundledRepo, demoFiles, newResolver } from './build/demo-support.ts';

const KIWI = 'base/images/container-base/container-base.kiwi';
const IMAGES = 'base/images/images.toml';

/** The demo with container-base declaring no runtime package management, systemd or kernel, and yum-utils (which requires dnf) added to it. */
function containerWithDnf(files: Map<string, string>): Map<string, string> {
  const out = new Map(files);
  out.set(IMAGES, (files.get(IMAGES) as string).replace('profile = "core" }\n', 'profile = "core" }\ncapabilities = { container = true, runtime-package-management = false, systemd = false }\n'));
  out.set(KIWI, (files.get(KIWI) as string).replace('<package name="rpm"/>', '<package name="rpm"/>\n    <package name="yum-utils"/>'));
  return out;
}

async function check(resolver: Resolver, repo: LoadedRepo, files: Map<string, string>, image: string): Promise<CapabilityReport> {
  const build = await buildFromFiles(resolver, { files, image, repos: [repo] });
  if (!build.ok) throw new Error(`build failed: ${JSON.stringify(build.diagnostics)}`);
  const plan = planImage(files, image);
  if (!plan.ok) throw new Error('plan failed');
  return checkBuildCapabilities(resolver, build, files, plan.value.loaded.project.images[image]?.value.capabilities ?? {});
}

describe('capability checks of demo images', () => {
  let resolver: Resolver;
  let repo: LoadedRepo;
  let demo: Map<string, string>;
  beforeAll(async () => {
    resolver = await newResolver();
    repo = await bundledRepo();
    demo = await demoFiles();
  });

  it('finds dnf in a container without runtime package management, with the chain from the kiwi line that pulled it in', async () => {
    const files = containerWithDnf(demo);
    const report = await check(resolver, repo, files, 'container-base');
    expect(report.passed).toBe(false);
    expect(report.checks.map((c) => `${c.capability}=${c.declared} ${c.passed ? 'pass' : 'fail'}`)).toEqual(['runtime-package-management=false fail', 'container=true pass', 'systemd=false pass']);
    const [finding] = report.findings;
    expect(finding?.package).toBe('dnf-4.10.0-3.el9.noarch');
    expect(finding?.chain.map((s) => s.text)).toEqual(['job install yum-utils', 'yum-utils-4.0.24-2.el9.noarch requires dnf >= 4.2.22']);
    expect(finding?.root).toEqual({ file: KIWI, line: 40, asks: 'yum-utils' });
    expect(files.get(KIWI)?.split('\n')[39]).toContain('<package name="yum-utils"/>');
  });

  it('offers the fix a what-if solve verified (excluding dnf cannot work: yum-utils needs it), and applying it clears the check', async () => {
    const files = containerWithDnf(demo);
    const report = await check(resolver, repo, files, 'container-base');
    const fix = report.findings[0]?.fix;
    expect(fix).toMatchObject({ kind: 'remove', target: 'yum-utils', description: `remove yum-utils (${KIWI}:40)`, edit: { file: KIWI, line: 40, remove: true, insert: [] } });
    const fixed = applyFileEdit(files, fix?.edit as NonNullable<typeof fix>['edit'] & object);
    const after = await check(resolver, repo, fixed, 'container-base');
    expect(after.passed).toBe(true);
    expect(after.findings).toEqual([]);
  });

  it('offers an exclude when the package is only a weak dependency, written into the description', async () => {
    const files = new Map(demo);
    files.set(KIWI, (demo.get(KIWI) as string).replace('<package name="rpm"/>', '<package name="rpm"/>\n    <package name="elfutils-libs"/>').replace('patternType="onlyRequired"', 'patternType="plusRecommended"'));
    files.set(IMAGES, (demo.get(IMAGES) as string).replace('profile = "core" }\n', 'profile = "core" }\ncapabilities = { systemd = false }\n'));
    const report = await check(resolver, repo, files, 'container-base');
    const finding = report.findings[0];
    expect(finding?.package).toMatch(/^systemd-249/);
    expect(finding?.chain.at(-1)?.text).toBe('elfutils-default-yama-scope-0.186-1.el9.noarch recommends systemd');
    expect(finding?.fix).toMatchObject({ kind: 'exclude', target: 'systemd', edit: { file: KIWI, line: 40, remove: false, insert: ['    <ignore name="systemd"/>'] } });
    const after = await check(resolver, repo, applyFileEdit(files, finding?.fix?.edit as NonNullable<NonNullable<typeof finding>['fix']>['edit'] & object), 'container-base');
    expect(after.passed).toBe(true);
  });

  it('proposes a package to add for a missing one, checked to solve', async () => {
    const files = new Map(demo);
    files.set(IMAGES, (demo.get(IMAGES) as string).replace('[images.toolbox]\n', '[images.toolbox]\ncapabilities = { machine-bootable = true }\n'));
    const report = await check(resolver, repo, files, 'toolbox');
    expect(report.findings.map((f) => `${f.check.what}: ${f.fix?.description}`)).toEqual(['a kernel: add kernel', 'a boot loader: add grub2-efi-x64']);
    // A TOML package list has no line to edit; the fix is described only.
    expect(report.findings[0]?.fix?.edit).toBeUndefined();
  });

  it('leaves the resolver with the build\'s own result, so "why" still explains the image', async () => {
    const files = containerWithDnf(demo);
    await check(resolver, repo, files, 'container-base');
    const why = resolver.explain('yum-utils-4.0.24-2.el9.noarch');
    expect(why.ok).toBe(true);
  });

  it('passes the demo vm-base with everything it declares', async () => {
    const files = new Map(demo);
    files.set(IMAGES, (demo.get(IMAGES) as string).replace('path = "vm-base/vm-base.kiwi" }\n', 'path = "vm-base/vm-base.kiwi" }\ncapabilities = { machine-bootable = true, systemd = true, runtime-package-management = true, wsl = false }\n'));
    const report = await check(resolver, repo, files, 'vm-base');
    expect(report.passed).toBe(true);
    expect(report.unruled).toEqual(['wsl']);
  });
});
