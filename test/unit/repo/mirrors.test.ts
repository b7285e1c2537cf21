import { describe, expect, it } from 'vitest';
import { expandRepoVars, parseMetalink, parseMirrorlist, repoRootOf } from '../../../src/lib/repo/index.ts';

describe('expandRepoVars', () => {
  it('expands $name and ${name}', () => {
    const r = expandRepoVars('https://dl.example/fedora/releases/$releasever/Everything/${basearch}/os/', { releasever: '41', basearch: 'x86_64' });
    expect(r.ok && r.value).toBe('https://dl.example/fedora/releases/41/Everything/x86_64/os/');
  });
  it('names every variable without a value', () => {
    const r = expandRepoVars('https://x/$releasever/$arch/', { releasever: '41' });
    expect(!r.ok && r.error.message).toContain('$arch');
  });
});

describe('parseMetalink', () => {
  const doc = `<?xml version="1.0" encoding="utf-8"?>
<metalink version="3.0" xmlns="http://www.metalinker.org/" xmlns:mm0="http://fedorahosted.org/mirrormanager">
 <files>
  <file name="repomd.xml">
   <size>4459</size>
   <verification><hash type="sha256">AA11</hash><hash type="sha512">bb22</hash></verification>
   <mm0:alternates><mm0:alternate><verification><hash type="sha256">cc33</hash></verification></mm0:alternate></mm0:alternates>
   <resources maxconnections="1">
    <url protocol="rsync" type="rsync" location="DE" preference="100">rsync://r.example/fedora/repodata/repomd.xml</url>
    <url protocol="http" type="http" location="DE" preference="99">http://h.example/fedora/repodata/repomd.xml</url>
    <url protocol="https" type="https" location="US" preference="90">https://s1.example/fedora/repodata/repomd.xml</url>
    <url protocol="https" type="https" location="US" preference="95">https://s2.example/fedora/repodata/repomd.xml</url>
   </resources>
  </file>
 </files>
</metalink>`;

  it('lists http(s) mirrors, https first then by preference, with every repomd hash including alternates', () => {
    const r = parseMetalink(doc);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.urls).toEqual(['https://s2.example/fedora/repodata/repomd.xml', 'https://s1.example/fedora/repodata/repomd.xml', 'http://h.example/fedora/repodata/repomd.xml']);
    expect(r.value.repomdChecksums).toEqual([
      { type: 'sha256', value: 'aa11' },
      { type: 'sha512', value: 'bb22' },
      { type: 'sha256', value: 'cc33' },
    ]);
    expect(r.value.size).toBe(4459);
  });

  it('fails clearly without mirrors, on HTML and on malformed XML', () => {
    expect(parseMetalink('<metalink><files><file name="repomd.xml"></file></files></metalink>')).toMatchObject({ ok: false, error: { code: 'repo/no-mirror' } });
    expect(parseMetalink('<html><body>Service Unavailable</body></html>')).toMatchObject({ ok: false, error: { code: 'repo/html-not-xml' } });
    expect(parseMetalink('<metalink>\n<files>')).toMatchObject({ ok: false, error: { code: 'repo/malformed-xml', diagnostic: { line: 2 } } });
  });
});

describe('parseMirrorlist and repoRootOf', () => {
  it('keeps http(s) lines, https first, skipping comments', () => {
    const r = parseMirrorlist('# comment\nhttp://a.example/os/\n\nhttps://b.example/os/\nftp://c.example/os/\n');
    expect(r.ok && r.value).toEqual(['https://b.example/os/', 'http://a.example/os/']);
    expect(parseMirrorlist('# nothing\n')).toMatchObject({ ok: false, error: { code: 'repo/no-mirror' } });
  });
  it('finds the repository root of repomd URLs', () => {
    expect(repoRootOf('https://m/os/repodata/repomd.xml')).toBe('https://m/os/');
    expect(repoRootOf('https://m/os/repodata/')).toBe('https://m/os/');
    expect(repoRootOf('https://m/os')).toBe('https://m/os/');
  });
});
