import { describe, expect, it } from 'vitest';
import { completeToml, schemaForFile } from '../../../src/lib/config/complete.ts';
import { OVERLAY_TYPES } from '../../../src/lib/config/schema-defs.ts';

const at = (text: string, file = 'azldev.toml') => {
  const offset = text.indexOf('|');
  return completeToml(text.replace('|', ''), offset, schemaForFile(file)!);
};

describe('completeToml', () => {
  it('offers the keys of the table the cursor is in', () => {
    const r = at('[project]\ndescription = "x"\nde|');
    expect(r?.from).toBe('[project]\ndescription = "x"\n'.length);
    expect(r?.options.map((o) => o.label)).toEqual(expect.arrayContaining(['description', 'default-distro', 'work-dir']));
  });

  it('offers the overlay types as the value of type in an [[overlays]] entry', () => {
    const r = at('[metadata]\ncategory = "azl-pruning"\n\n[[overlays]]\ntype = "spec-a|', 'base/comps/x/overlays/1.overlay.toml');
    expect(r?.options.map((o) => o.label)).toEqual([...OVERLAY_TYPES]);
    expect(r?.from).toBe('[metadata]\ncategory = "azl-pruning"\n\n[[overlays]]\ntype = "'.length);
  });

  it('offers component keys under a named component, and table names in a header', () => {
    expect(at('[components.sudo]\n|')?.options.map((o) => o.label)).toContain('overlays');
    expect(at('[comp|')?.options.map((o) => o.label)).toContain('components');
    expect(at('[images.vm-base.|')?.options.map((o) => o.label)).toContain('definition');
  });

  it('offers nothing in free text or for files without a schema', () => {
    expect(at('description = "some |')).toBeUndefined();
    expect(schemaForFile('base/images/vm-base/vm-base.kiwi')).toBeUndefined();
  });
});
