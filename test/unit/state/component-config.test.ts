import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { componentConfigView } from '../../../src/lib/project/component-config.ts';
import { AppStatus } from '../../../src/state/app-status.svelte.ts';
import { ComponentConfigState } from '../../../src/state/component-config.svelte.ts';
import { demoFiles } from '../project/build/demo-support.ts';

let files: Map<string, string>;
beforeAll(async () => {
  files = await demoFiles();
});

describe('ComponentConfigState', () => {
  it('resolves nothing until shown, then follows selection and edits with the lines of the edited file', async () => {
    const asked: string[] = [];
    const state = new ComponentConfigState(new AppStatus(), () => ({
      config: async (f, wanted) => {
        asked.push(wanted);
        return structuredClone(componentConfigView(f, wanted));
      },
    }));
    await state.refresh(files);
    expect(asked).toEqual([]);
    await state.show();
    expect(state.selected).toBe('chrony');
    await state.select('sudo');
    flushSync();
    expect(state.detail?.rows.find((r) => r.path === 'overlays[0].tag')?.loc).toMatchObject({ file: 'base/comps/sudo/sudo.comp.toml', line: 9 });
    const edited = new Map(files);
    edited.set('base/comps/sudo/sudo.comp.toml', `# a line on top\n${files.get('base/comps/sudo/sudo.comp.toml')}`);
    await state.refresh(edited);
    expect(state.selected).toBe('sudo');
    expect(state.detail?.rows.find((r) => r.path === 'overlays[0].tag')?.loc.line).toBe(10);
    expect(asked).toEqual(['', 'sudo', 'sudo']);
  });
});
