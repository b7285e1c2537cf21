import { beforeAll, describe, expect, it } from 'vitest';
import { componentConfigView } from '../../../src/lib/project/component-config.ts';
import { overlayView, type ComponentRender } from '../../../src/lib/project/components.ts';
import { ProjectLoader } from '../../../src/lib/project/load.ts';
import { demoFiles } from './build/demo-support.ts';

let files: Map<string, string>;

beforeAll(async () => {
  files = await demoFiles();
});

async function rendered(name: string, project = files): Promise<ComponentRender> {
  const view = await overlayView(project, name);
  if (view.selected !== name || !view.outcome) throw new Error(`${name} is not an overlaid component`);
  if (!view.outcome.ok) throw new Error(view.outcome.error.message);
  return view.outcome.value;
}

describe('the overlaid components of a project', () => {
  it('lists the demo components that have overlays, with their specs', async () => {
    expect((await overlayView(files, '')).components.map((c) => `${c.name}:${c.overlays}:${c.specPath}:${c.hasSpec}`)).toEqual([
      'chrony:2:base/comps/chrony/chrony.spec:true',
      'openssh:2:base/comps/openssh/openssh.spec:true',
      'sudo:1:base/comps/sudo/sudo.spec:true',
    ]);
  });

  it('renders a component with every overlay, each result placed at its TOML line', async () => {
    const render = await rendered('chrony');
    const inFile = render.result.overlays.filter((o) => o.origin.kind === 'overlay-file');
    expect(inFile.map((o) => `${o.status} ${o.description}`)).toEqual(['ok Use the Hyper-V PTP clock as the reference clock on Azure', 'ok Release bump for the PTP clock change']);
    const located = render.result.overlays.map((o, i) => (o.origin.kind === 'overlay-file' ? render.locations[i] : undefined)).filter(Boolean);
    expect(located.map((l) => `${l?.file}:${l?.line}`)).toEqual(['base/comps/chrony/overlays/0001-azure-ptp-clock.overlay.toml:5', 'base/comps/chrony/overlays/0001-azure-ptp-clock.overlay.toml:13']);
    expect(render.locations[render.result.overlays.findIndex((o) => o.origin.kind === 'header')]).toBeNull();
    expect(render.result.diffs['chrony.spec']).toContain('+echo \'refclock PHC /dev/ptp_hyperv');
    expect(render.result.packageChanges.find((c) => c.specPackage === '')?.release).toEqual({ before: '3.azl4', after: '4.azl4' });
  });

  it('reports a failing overlay with its message and keeps the others', async () => {
    const edited = new Map(files);
    const toml = edited.get('base/comps/openssh/openssh.comp.toml') as string;
    edited.set('base/comps/openssh/openssh.comp.toml', toml.replace('package = "server"', 'package = "no-such-subpackage"'));
    const render = await rendered('openssh', edited);
    const results = render.result.overlays.filter((o) => o.origin.kind === 'inline');
    expect(results.map((o) => o.status)).toEqual(['ok', 'error']);
    expect(results[1]?.message).toMatch(/no-such-subpackage/);
    expect(render.result.ok).toBe(false);
  });

  it('says why a component cannot be rendered instead of throwing', async () => {
    const edited = new Map(files);
    edited.delete('base/comps/sudo/sudo.spec');
    expect((await overlayView(edited, 'sudo')).components.find((c) => c.name === 'sudo')?.hasSpec).toBe(false);
    expect((await overlayView(edited, 'sudo')).outcome).toEqual({ ok: false, error: { message: expect.stringContaining('base/comps/sudo/sudo.spec is not in the project') } });
    // a component without overlays is not offered: the view falls back to the first overlaid one
    expect((await overlayView(files, 'bash')).selected).toBe('chrony');
  });
});

describe('the Overlays view', () => {
  it('lists the components and renders the one asked for, or the first when it is gone', async () => {
    const view = await overlayView(files, 'openssh');
    expect(view.components.map((c) => c.name)).toEqual(['chrony', 'openssh', 'sudo']);
    expect(view.selected).toBe('openssh');
    expect(view.outcome?.ok && view.outcome.value.result.component).toBe('openssh');
    const fallback = await overlayView(files, 'no-such-component');
    expect(fallback.selected).toBe('chrony');
    expect(fallback.outcome?.ok && fallback.outcome.value.result.component).toBe('chrony');
    expect(await overlayView(new Map([['azldev.toml', '']]), 'x')).toEqual({ components: [], selected: '', outcome: undefined, dist: '.azl4' });
  });
});

describe('sources of a component whose overlays add files kept beside it', () => {
  it('regression: a patch-add whose patch sits beside the component file used to fail with "already exists"', async () => {
    const edited = new Map(files);
    edited.set('base/comps/sudo/sudo-fix-visudo.patch', '--- a/x\n+++ b/x\n');
    const toml = edited.get('base/comps/sudo/sudo.comp.toml') as string;
    edited.set('base/comps/sudo/sudo.comp.toml', `${toml}\n[[components.sudo.overlays]]\ndescription = "Fix visudo"\ntype = "patch-add"\nsource = "sudo-fix-visudo.patch"\n`);
    const render = await rendered('sudo', edited);
    expect(render.result.overlays.filter((o) => o.origin.kind === 'inline').map((o) => `${o.status} ${o.type} ${o.message}`)).toEqual(['ok spec-add-tag ', 'ok patch-add ']);
    expect(render.result.files['sudo-fix-visudo.patch']).toBe('--- a/x\n+++ b/x\n');
  });

  it('the Overlays and Config views of the same files share one project load (the Config view loaded the project again)', async () => {
    const loader = new ProjectLoader();
    const copy = () => new Map(files);
    await overlayView(copy(), 'openssh', undefined, loader);
    expect(componentConfigView(copy(), 'openssh', loader).selected).toBe('openssh');
    expect(loader.loads).toBe(1);
    const edited = copy();
    edited.set('base/comps/openssh/openssh.comp.toml', `${edited.get('base/comps/openssh/openssh.comp.toml')}\n# edited\n`);
    await overlayView(edited, 'openssh', undefined, loader);
    componentConfigView(new Map(edited), 'openssh', loader);
    expect(loader.loads).toBe(2);
  });
});
