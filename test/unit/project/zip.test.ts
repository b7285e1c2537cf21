import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { MAX_PROJECT_ARCHIVE_BYTES, projectFromEntries, unzipProject, zipProject } from '../../../src/lib/project/zip.ts';

const files = new Map([
  ['azldev.toml', '[project]\n'],
  ['base/images/images.toml', '# é\n'],
]);

describe('projects as .zip files', () => {
  it('writes the same bytes for the same files, and reads them back', async () => {
    const zip = await zipProject(files, 'demo');
    expect(await zipProject(new Map([...files].reverse()), 'demo')).toEqual(zip);
    const read = await unzipProject(zip);
    expect(read).toEqual({ ok: true, value: { files, skipped: [] } });
  });

  it('leaves out binary files and paths that climb out, and says so', () => {
    const read = projectFromEntries([
      ['p/azldev.toml', new TextEncoder().encode('x')],
      ['p/logo.png', new Uint8Array([0x89, 0x50, 0xff, 0xfe])],
      ['p/.git/HEAD', new TextEncoder().encode('ref')],
    ]);
    expect(read.files).toEqual(new Map([['azldev.toml', 'x']]));
    expect(read.skipped).toEqual([{ path: 'logo.png', reason: 'not a UTF-8 text file' }].map((s) => ({ ...s, path: `p/${s.path}` })));
  });

  it('refuses an archive that is not a zip', async () => {
    const read = await unzipProject(new TextEncoder().encode('not a zip at all'));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toContain('not a readable .zip');
  });

  it('refuses an archive that unpacks past the limits before unpacking it', async () => {
    const zip = zipSync({ a: new Uint8Array(600 * 1024), b: new Uint8Array(600 * 1024) }, { level: 1 });
    expect(await unzipProject(zip, { files: 10, bytes: 1024 * 1024 })).toEqual({ ok: false, error: 'it unpacks to more than 1 MB' });
    expect(await unzipProject(zip, { files: 1, bytes: MAX_PROJECT_ARCHIVE_BYTES })).toEqual({ ok: false, error: 'it holds more than 1 files' });
  });
});
