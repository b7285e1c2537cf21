import { describe, expect, it } from 'vitest';
import { exportKickstart, type Manifest } from '../../../src/lib/export/index.ts';
import { effectiveCommands, formatCommand, kickstartToRequest, parseKickstart } from '../../../src/lib/image/kickstart/index.ts';
import { toResolveRequest } from '../../../src/lib/image/request.ts';
import { manifest } from './fixture.ts';

function reparse(text: string) {
  const parsed = parseKickstart(new Map([['export.ks', text]]), 'export.ks');
  return { ...parsed, request: kickstartToRequest(parsed.document) };
}

const names = (m: Manifest): string[] => m.packages.map((p) => p.name).sort();

describe('kickstart export round trip', () => {
  for (const mode of ['names', 'nevra'] as const) {
    it(`gives back the same package request (${mode})`, () => {
      const m = manifest();
      const { diagnostics, request } = reparse(exportKickstart(m, { packages: mode }));
      expect(diagnostics).toEqual([]);
      // Nothing is added by the installer: --nocore, and implied packages are either in the list or excluded.
      expect(request.layers.map((l) => l.kind)).toEqual(['user']);
      const rr = toResolveRequest(request);
      expect([...rr.specs].sort()).toEqual(mode === 'names' ? names(m) : m.packages.map((p) => p.nevra).sort());
      expect(rr.weakDeps).toBe(m.inputs.weakDeps);
      expect(rr.multilib).toBe(false);
      for (const e of m.inputs.excludes) expect(rr.excludes).toContain(e);
      expect(request.repos.filter((r) => r.name !== 'anaconda').map((r) => [r.name, r.url])).toEqual(m.repos.map((r) => [r.id, r.url]));
    });
  }

  it('carries --exclude-weakdeps, --inst-langs, --excludedocs and --multilib through', () => {
    const m = manifest();
    m.inputs.weakDeps = false;
    const source = reparse('%packages --inst-langs=en:de --excludedocs --multilib\nbash\n%end\n').request;
    const { request, document } = reparse(exportKickstart(m, { request: source }));
    expect(document.packages).toMatchObject({ excludeWeakdeps: true, instLangs: 'en:de', excludeDocs: true, multilib: true, nocore: true });
    expect(request.weakDeps).toBe(false);
  });

  it('writes only canonical spellings, which read back without a warning', () => {
    const text = exportKickstart(manifest(), { settings: { timezone: 'Europe/Berlin', selinux: 'permissive' } });
    expect(text).not.toMatch(/--isUtc|--instLangs|--excludeWeakdeps/);
    const { document, diagnostics } = reparse(text);
    expect(diagnostics).toEqual([]);
    const lines = effectiveCommands(document).map(formatCommand);
    expect(lines).toContain('timezone Europe/Berlin --utc');
    expect(lines).toContain('selinux --permissive');
    expect(lines).toContain('rootpw --lock');
  });

  it('writes name.arch for a package resolved for two architectures', () => {
    const m = manifest();
    const bash = m.packages[0]!;
    m.packages.push({ ...bash, arch: 'i686', nevra: 'bash-5.3.0-2.fc43.i686' });
    const { request } = reparse(exportKickstart(m));
    expect(toResolveRequest(request).specs).toEqual(expect.arrayContaining(['bash.x86_64', 'bash.i686']));
  });
});
