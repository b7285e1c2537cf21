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

  it('an entry that unpacks past the size its archive lists is refused: the limits were judged on that size (zip.js stops as it inflates)', async () => {
    const zip = zipSync({ 'p/azldev.toml': new Uint8Array(8 * 1024 * 1024).fill(0x61) }, { level: 9 });
    // the uncompressed size in the central directory (offset 24) and the local header (offset 22) now says 100 bytes
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    let central = -1;
    for (let i = zip.length - 22; i >= 0; i -= 1) if (view.getUint32(i, true) === 0x02014b50) { central = i; break; }
    expect(central).toBeGreaterThan(0);
    view.setUint32(central + 24, 100, true);
    expect(view.getUint32(0, true)).toBe(0x04034b50);
    view.setUint32(22, 100, true);
    const read = await unzipProject(zip);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toBe('it could not be read (Invalid uncompressed size)');
  });
});
