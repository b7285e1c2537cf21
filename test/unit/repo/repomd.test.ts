import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRepomd } from '../../../src/lib/repo/index.ts';
import { BASH_FC32, CS9, DEBIAN } from './support.ts';

const cs9Repomd = readFileSync(join(CS9, 'repodata/repomd.xml'), 'utf8');

describe('parseRepomd', () => {
  it('reads every data entry of the CentOS Stream 9 repomd.xml', () => {
    const parsed = parseRepomd(cs9Repomd);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const { revision, data } = parsed.value;
    expect(revision).toBe('1644263915');
    expect(Object.keys(data).sort()).toEqual(['filelists', 'group', 'group_gz', 'other', 'primary']);
    expect(data.primary).toEqual({
      type: 'primary',
      href: 'repodata/130494033cb9bffa40828ebc814d016920d9ce5d60041467af283ffcf38adef0-primary.xml.gz',
      checksum: { type: 'sha256', value: '130494033cb9bffa40828ebc814d016920d9ce5d60041467af283ffcf38adef0' },
      openChecksum: { type: 'sha256', value: '4fd621cd9253a7d7013af758bbf4b200142f29515ad0fb99d544864a5ad7e4a7' },
      timestamp: 1644263915,
      size: 1063488,
      openSize: 8471009,
    });
    // A plain group entry has no open-checksum.
    expect(data.group?.openChecksum).toBeUndefined();
    expect(data.group?.size).toBe(39248);
  });

  it('reads string revisions (Debian stand-in, bazeldnf)', () => {
    const debian = parseRepomd(readFileSync(join(DEBIAN, 'repodata/repomd.xml'), 'utf8'));
    const bash = parseRepomd(readFileSync(join(BASH_FC32, 'repodata/repomd.xml'), 'utf8'));
    expect(debian.ok && debian.value.revision).toBe('debian-12.15-bookworm-main-amd64');
    expect(bash.ok && bash.value.data.primary?.href).toBe('repodata/primary.xml.gz');
  });

  it('says HTML when given an HTML page', () => {
    const parsed = parseRepomd('<!DOCTYPE html>\n<html><head><title>404</title></head><body>Not here</body></html>');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('repo/html-not-xml');
    expect(parsed.error.message).toContain('HTML page');
  });

  it('says which types exist when primary is missing', () => {
    const noPrimary = cs9Repomd.replace(/<data type="primary">[\s\S]*?<\/data>/, '');
    const parsed = parseRepomd(noPrimary);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('repo/missing-primary');
    expect(parsed.error.message).toContain('filelists, other, group, group_gz');
  });

  it('locates malformed XML at line:col', () => {
    const broken = cs9Repomd.replace('</revision>', '</revison>');
    const parsed = parseRepomd(broken);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('repo/malformed-xml');
    expect(parsed.error.diagnostic?.line).toBe(3);
    expect(parsed.error.diagnostic?.file).toBe('repomd.xml');
    expect(parsed.error.message).toMatch(/^repomd\.xml:3:\d+: malformed XML/);
  });

  it('locates a truncated repomd.xml at its end', () => {
    const cut = cs9Repomd.slice(0, 400);
    const parsed = parseRepomd(cut);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.code).toBe('repo/malformed-xml');
    expect(parsed.error.diagnostic?.line).toBeGreaterThanOrEqual(cut.split('\n').length - 1);
  });

  it('refuses XML that is not repomd', () => {
    const parsed = parseRepomd('<?xml version="1.0"?><metadata packages="0"></metadata>');
    expect(!parsed.ok && parsed.error.code).toBe('repo/not-repomd');
  });
});
