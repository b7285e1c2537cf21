import { describe, expect, it } from 'vitest';
import { decodeTextFile, directoryOf, projectPath } from '../../../src/lib/project/files.ts';

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
    expect(decodeTextFile(new TextEncoder().encode('Name: sudo\n'))).toBe('Name: sudo\n');
    expect(decodeTextFile(new Uint8Array([0x1f, 0x8b, 0x08, 0xff, 0xfe]))).toBeNull();
  });
});
