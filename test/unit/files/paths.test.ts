import { describe, expect, it } from 'vitest';
import { directoryOf, joinPath, normalizeRelPath, projectPath, resolveFromFile, resolvePath } from '../../../src/lib/files/paths.ts';
import { decodeUtf8 } from '../../../src/lib/files/text.ts';

describe('project file paths', () => {
  it('joins a name to a directory and normalises it', () => {
    expect(projectPath('base/comps/sudo/', 'sudo.spec')).toBe('base/comps/sudo/sudo.spec');
    expect(projectPath('base/comps/sudo', './patches//fix.patch')).toBe('base/comps/sudo/patches/fix.patch');
    expect(projectPath('', 'azldev.toml')).toBe('azldev.toml');
    expect(projectPath('base/', '/distro/x.toml')).toBe('distro/x.toml');
    expect(projectPath('base/', 'a\\b.spec')).toBe('base/a/b.spec');
  });

  it('refuses empty paths and paths that climb out of the project', () => {
    expect(projectPath('base/', '')).toBeNull();
    expect(projectPath('', '/')).toBeNull();
    expect(projectPath('base/', '../../etc/passwd')).toBeNull();
  });

  it('names the directory of a path', () => {
    expect(directoryOf('base/comps/sudo/sudo.spec')).toBe('base/comps/sudo/');
    expect(directoryOf('azldev.toml')).toBe('');
  });

  it('reads UTF-8 text and refuses bytes that are not', () => {
    expect(decodeUtf8(new TextEncoder().encode('Name: sudo\n'))).toBe('Name: sudo\n');
    expect(decodeUtf8(new Uint8Array([0x1f, 0x8b, 0x08, 0xff, 0xfe]))).toBeNull();
  });
});

describe('path resolution', () => {
  it('resolves config paths against a directory, keeping what climbs out visible', () => {
    expect(resolvePath('base/comps', '../images/x.kiwi')).toBe('base/images/x.kiwi');
    expect(resolvePath('', '../x')).toBe('../x');
    expect(resolvePath('base', '/distro/a.toml')).toBe('/distro/a.toml');
  });

  it('resolves an include inside a file from its directory, or from the project root when absolute', () => {
    expect(resolveFromFile('base/images/vm.ks', 'common/base.ks')).toBe('base/images/common/base.ks');
    expect(resolveFromFile('base/images/vm.ks', '/shared/base.ks')).toBe('shared/base.ks');
    expect(resolveFromFile('vm.ks', '../x.ks')).toBe('../x.ks');
  });

  it('joins like Go filepath.Join, refusing a path that escapes', () => {
    expect(joinPath('overlays', 'a/./b.patch')).toBe('overlays/a/b.patch');
    expect(joinPath('', '/abs/x')).toBe('abs/x');
    expect(joinPath('a', '../../x')).toBeNull();
    expect(normalizeRelPath('a\\b\\..\\c')).toBe('a/c');
  });
});
