import { beforeAll, describe, expect, it } from 'vitest';
import { componentConfigView } from '../../../src/lib/project/component-config.ts';
import { demoFiles } from './build/demo-support.ts';

let files: Map<string, string>;

beforeAll(async () => {
  files = await demoFiles();
});

const rows = (view: ReturnType<typeof componentConfigView>) => view.detail?.rows.map((r) => `${r.path} = ${r.value} @ ${r.loc.file}:${r.loc.line}`);

describe("a component's resolved configuration with the source of every value", () => {
  it('lists every component and resolves the one asked for, each value at the line that wrote it', () => {
    const view = componentConfigView(files, 'sudo');
    expect(view.components).toEqual(['bash', 'chrony', 'curl', 'openssh', 'sudo', 'tzdata']);
    expect(view.selected).toBe('sudo');
    expect(view.detail?.loc).toMatchObject({ file: 'base/comps/sudo/sudo.comp.toml', line: 3 });
    expect(rows(view)).toEqual([
      'spec.type = "local" @ base/comps/sudo/sudo.comp.toml:4',
      'spec.path = "base/comps/sudo/sudo.spec" @ base/comps/sudo/sudo.comp.toml:4',
      'overlays[0].description = "visudo needs vi: require vim-minimal" @ base/comps/sudo/sudo.comp.toml:7',
      'overlays[0].type = "spec-add-tag" @ base/comps/sudo/sudo.comp.toml:8',
      'overlays[0].tag = "Requires" @ base/comps/sudo/sudo.comp.toml:9',
      'overlays[0].value = "vim-minimal" @ base/comps/sudo/sudo.comp.toml:10',
    ]);
  });

  it("places an inherited value at its group's defaults and the component's own value beside it", () => {
    const edited = new Map(files);
    edited.set(
      'base/comps/components.toml',
      `${files.get('base/comps/components.toml')}
[component-groups.tools]
components = ["bash", "curl"]

[component-groups.tools.default-component-config.build]
without = ["docs"]
defines = { vendor = "azl" }

[components.curl.build]
defines = { vendor = "curl-team" }
`,
    );
    const lines = edited.get('base/comps/components.toml')!.split('\n');
    const at = (text: string) => lines.findIndex((l) => l.includes(text)) + 1;
    const bash = componentConfigView(edited, 'bash');
    expect(bash.detail?.groups).toEqual(['tools']);
    expect(rows(bash)).toEqual([`build.without[0] = "docs" @ base/comps/components.toml:${at('without = [')}`, `build.defines.vendor = "azl" @ base/comps/components.toml:${at('vendor = "azl"')}`]);
    const curl = componentConfigView(edited, 'curl');
    expect(rows(curl)).toContain(`build.defines.vendor = "curl-team" @ base/comps/components.toml:${at('curl-team')}`);
  });

  it('falls back to the first component that sets something when none is asked for or the one asked for is gone', () => {
    expect(componentConfigView(files, '').selected).toBe('chrony');
    expect(componentConfigView(files, 'no-such').selected).toBe('chrony');
    // bash sets nothing, but asked for it is shown
    expect(componentConfigView(files, 'bash')).toMatchObject({ selected: 'bash', detail: { rows: [] } });
  });
});
