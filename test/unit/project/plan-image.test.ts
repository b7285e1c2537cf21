import { beforeAll, describe, expect, it } from 'vitest';
import { loadResolvedProject } from '../../../src/lib/project/load.ts';
import { planImage } from '../../../src/lib/project/plan-image.ts';
import { demoFiles } from './build/demo-support.ts';

let files: Map<string, string>;

beforeAll(async () => {
  files = await demoFiles();
});

describe('planImage', () => {
  it('plans a KIWI image: the request, its profile and the repositories the distro names, before any metadata', () => {
    const plan = planImage(files, 'container-base', { profile: 'debug' });
    if (!plan.ok) throw new Error(JSON.stringify(plan.error));
    expect(plan.value.entry).toMatchObject({ name: 'container-base', kind: 'kiwi' });
    expect(plan.value.arch).toBe('x86_64');
    expect(plan.value.described.profile).toBe('debug');
    expect(plan.value.wanted.map((w) => w.url)).toEqual(['bundle:centos-stream-9-baseos-2022']);
    expect(plan.value.described.request.layers.length).toBeGreaterThan(0);
  });

  it('finds an image by its description path too', () => {
    const plan = planImage(files, 'base/images/vm-base/vm-base.kiwi');
    expect(plan.ok && plan.value.entry.name).toBe('vm-base');
  });

  it('fails with the diagnostics that stop it: an unknown image names the ones there are', () => {
    const plan = planImage(files, 'nope');
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.error.at(-1)).toMatchObject({ code: 'image/unknown-image', hint: 'Images: cloud-base, container-base, container-debug, toolbox, vm-base.' });
  });

  it('fails on a project error, located on its line', () => {
    const broken = new Map(files);
    broken.set('azldev.toml', `${files.get('azldev.toml')}\n[oops\n`);
    const plan = planImage(broken, 'vm-base');
    expect(!plan.ok && plan.error.find((d) => d.severity === 'error')?.file).toBe('azldev.toml');
  });

  it('uses a project already loaded instead of loading it again', () => {
    const loaded = loadResolvedProject(files);
    const plan = planImage(files, 'vm-base', { loaded });
    expect(plan.ok && plan.value.loaded).toBe(loaded);
  });
});
