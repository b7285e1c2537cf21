import { describe, expect, it } from 'vitest';
import { fileLineOwners, renderComponent, type OverlayInput } from '../../../src/lib/overlay/index.ts';

const SPEC = ['Name: demo', 'Version: 1', 'Release: 1%{?dist}', '', '%description', 'Demo.', '', '%build', 'make', '', '%files', '/usr/bin/demo', ''].join('\n');

async function render(overlays: OverlayInput[]) {
  return renderComponent({ component: { name: 'demo', overlays }, sources: { 'demo.spec': SPEC } });
}

describe('fileLineOwners', () => {
  it('names the overlay behind every line of the rendered spec, later overlays winning', async () => {
    const result = await render([
      { type: 'spec-update-tag', tag: 'Release', value: '2%{?dist}', description: 'bump' },
      { type: 'spec-append-lines', section: '%build', lines: ['make check', 'make docs'], description: 'more make' },
      { type: 'spec-search-replace', section: '%build', regex: 'make docs', replacement: 'make doc', description: 'rename' },
      { type: 'spec-remove-section', section: '%description', description: 'no description' },
    ]);
    expect(result.ok).toBe(true);
    const owned = fileLineOwners(result, 'demo.spec', SPEC);
    if (!owned) throw new Error('no owners');
    const byLine = owned.lines.map((line, i) => `${owned.owners[i]}|${line}`);
    const order = (description: string) => result.overlays.find((o) => o.description === description)?.order;
    expect(byLine).toContain(`${order('bump')}|Release: 2%{?dist}`);
    expect(byLine).toContain(`${order('more make')}|make check`);
    expect(byLine).toContain(`${order('rename')}|make doc`);
    expect(byLine).toContain('-1|Name: demo');
    expect(byLine).not.toContain('-1|Demo.');
    const header = order('azldev header comment');
    expect(byLine.slice(0, 2).every((l) => l.startsWith(`${header}|#`))).toBe(true);
  });

  it('claims nothing when the ranges do not add up to the rendered file', async () => {
    const result = await render([{ type: 'spec-update-tag', tag: 'Release', value: '2', description: 'bump' }]);
    expect(fileLineOwners(result, 'demo.spec', `${SPEC}extra line\n`)).toBeNull();
    expect(fileLineOwners(result, 'missing.spec', SPEC)).toBeNull();
  });
});
