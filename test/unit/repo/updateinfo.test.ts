import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadLocalRepo, parseUpdateinfo } from '../../../src/lib/repo/index.ts';
import { readTree } from './support.ts';

const REPO = join(import.meta.dirname, '../../fixtures/advisories-cs9');
const XML = readFileSync(join(REPO, 'updateinfo.xml'), 'utf8');

describe('parseUpdateinfo', () => {
  it('reads every advisory with its type, severity, dates, references and packages', () => {
    const parsed = parseUpdateinfo(XML);
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value.map((a) => `${a.id} ${a.type} ${a.severity || '-'}`)).toEqual([
      'AZLPG-SA-2022:0001 security Important',
      'AZLPG-SA-2022:0002 security Moderate',
      'AZLPG-SA-2022:0003 security Critical',
      'AZLPG-BA-2022:0004 bugfix -',
      'AZLPG-SA-2022:0005 security Low',
      'AZLPG-SA-2022:0006 security Important',
    ]);
    const openssl = parsed.value[0];
    expect(openssl).toMatchObject({ title: 'Important: openssl security update', issued: '2022-03-15 00:00:00', updated: '2022-03-16 00:00:00', cves: ['CVE-2022-0778'] });
    expect(openssl?.references.map((r) => `${r.type}:${r.id}`)).toEqual(['bugzilla:2062202', 'cve:CVE-2022-0778']);
    expect(openssl?.packages).toEqual([
      { name: 'openssl', epoch: 1, version: '3.0.1', release: '20.el9', arch: 'x86_64', filename: 'openssl-3.0.1-20.el9.x86_64.rpm' },
      { name: 'openssl-libs', epoch: 1, version: '3.0.1', release: '20.el9', arch: 'x86_64', filename: 'openssl-libs-3.0.1-20.el9.x86_64.rpm' },
      { name: 'openssl-libs', epoch: 1, version: '3.0.1', release: '20.el9', arch: 'i686', filename: 'openssl-libs-3.0.1-20.el9.i686.rpm' },
    ]);
    expect(parsed.value[3]).toMatchObject({ id: 'AZLPG-BA-2022:0004', severity: '', cves: [], updated: null });
  });

  it('finds CVE ids named only in a bug title, as Fedora writes them', () => {
    const fedora = `<?xml version="1.0"?><updates><update type="security"><id>FEDORA-2026-1a2b3c4d5e</id><title>curl-8.15.0-3.fc43</title><severity>Moderate</severity>
      <references><reference href="https://bugzilla.redhat.com/show_bug.cgi?id=1" id="1" type="bugzilla" title="CVE-2025-9086 curl: Out of bounds read for cookie path"/></references>
      <pkglist><collection short="F43"><package name="curl" version="8.15.0" release="3.fc43" epoch="0" arch="x86_64"><filename>curl-8.15.0-3.fc43.x86_64.rpm</filename></package></collection></pkglist></update></updates>`;
    const parsed = parseUpdateinfo(fedora);
    expect(parsed.ok && parsed.value[0]?.cves).toEqual(['CVE-2025-9086']);
  });

  it('refuses damaged XML at its line and column, an HTML page, and another document', () => {
    const cut = parseUpdateinfo(XML.slice(0, 600), 'repodata/updateinfo.xml');
    expect(cut.ok).toBe(false);
    if (!cut.ok) {
      expect(cut.error.code).toBe('repo/malformed-xml');
      expect(cut.error.message).toMatch(/^repodata\/updateinfo\.xml:\d+:\d+: malformed XML/);
    }
    expect(parseUpdateinfo('<!DOCTYPE html><html><body>404</body></html>')).toMatchObject({ ok: false, error: { code: 'repo/html-not-xml' } });
    expect(parseUpdateinfo('<?xml version="1.0"?><metadata packages="0"/>')).toMatchObject({ ok: false, error: { code: 'repo/not-updateinfo' } });
  });

  it('reads the advisory-only fixture repository: its updateinfo verified against repomd.xml, its primary empty', async () => {
    const files = [...readTree(REPO)].filter(([path]) => path.startsWith('repodata/')).map(([path, data]) => ({ path, data }));
    const loaded = await loadLocalRepo(files, { label: 'advisories-cs9' });
    if (!loaded.ok) throw new Error(loaded.error.message);
    expect(loaded.value.info.packageCount).toBe(0);
    expect(new TextDecoder().decode(loaded.value.updateinfo)).toBe(XML);
  });
});
