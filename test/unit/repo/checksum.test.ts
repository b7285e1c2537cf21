import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { digestHex, verifyChecksum } from '../../../src/lib/repo/index.ts';

const bytes = new TextEncoder().encode('<metadata packages="1"/>');

describe('checksums', () => {
  it.each(['sha1', 'sha256', 'sha512'])('%s matches node:crypto', async (type) => {
    expect(await digestHex(type, bytes)).toBe(createHash(type).update(bytes).digest('hex'));
  });

  it('accepts createrepo’s old "sha" spelling as sha1', async () => {
    expect(await digestHex('sha', bytes)).toBe(createHash('sha1').update(bytes).digest('hex'));
  });

  it('accepts a match and refuses a mismatch, naming the file and both values', async () => {
    const value = createHash('sha256').update(bytes).digest('hex');
    expect((await verifyChecksum('primary.xml', bytes, { type: 'sha256', value }, 'compressed')).ok).toBe(true);
    const wrong = await verifyChecksum('primary.xml', bytes, { type: 'sha256', value: '0'.repeat(64) }, 'open');
    expect(wrong.ok).toBe(false);
    if (wrong.ok) return;
    expect(wrong.error.code).toBe('repo/open-checksum-mismatch');
    expect(wrong.error.message).toContain('primary.xml');
    expect(wrong.error.message).toContain(value);
  });

  it('cannot verify md5 and says so', async () => {
    const result = await verifyChecksum('x.xml', bytes, { type: 'md5', value: 'abc' }, 'compressed');
    expect(!result.ok && result.error.code).toBe('repo/unsupported-checksum');
  });
});
