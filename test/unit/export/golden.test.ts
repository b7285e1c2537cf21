import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildManifest, exportCycloneDx, exportKickstart, exportKiwiPackages, exportManifestJson, exportSpdx, exportTransactionJson, withAdvisories } from '../../../src/lib/export/index.ts';
import { parseKickstart, kickstartToRequest } from '../../../src/lib/image/kickstart/index.ts';
import { ADVISORIES, INPUTS, OVERLAY_CHANGES, PACKAGES, REPOS, manifest } from './fixture.ts';

const GOLDEN = join(import.meta.dirname, 'golden');

/** Compares with the golden file; `UPDATE_GOLDEN=1` rewrites it (review the diff before committing). */
function golden(name: string, actual: string): void {
  const path = join(GOLDEN, name);
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(path, actual);
  expect(existsSync(path), `${name} is missing; run with UPDATE_GOLDEN=1 to create it`).toBe(true);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

const request = kickstartToRequest(parseKickstart(new Map([['ks', '%packages --inst-langs=en --excludedocs\n@core\n@^minimal-environment\nbash\n%end\n']]), 'ks').document);

const exporters: Record<string, (m: ReturnType<typeof manifest>) => string> = {
  'manifest.json': exportManifestJson,
  'sbom.spdx.json': (m) => exportSpdx(m, { created: '2026-01-01T00:00:00Z', distro: 'fedora-43' }),
  'image.ks': (m) => exportKickstart(m, { request }),
  'image-nevra.ks': (m) => exportKickstart(m, { packages: 'nevra', settings: { bootloader: { disabled: true }, partitioning: { kind: 'part', partitions: [{ mount: '/', fstype: 'xfs', size: 4000, grow: true, label: 'root' }] }, services: { enabled: ['sshd', 'cloud-init'], disabled: ['kdump'] }, shutdown: 'reboot' } }),
  'packages.kiwi.xml': (m) => exportKiwiPackages(m, { profiles: ['Cloud-Base-Azure'] }),
  'manifest-advisories.json': (m) => exportManifestJson(withAdvisories(m, ADVISORIES)),
  'sbom-overlays.spdx.json': (m) => exportSpdx(m, { created: '2026-01-01T00:00:00Z', distro: 'fedora-43', overlayChanges: OVERLAY_CHANGES }),
  'sbom.cdx.json': (m) => exportCycloneDx(withAdvisories(m, ADVISORIES), { created: '2026-01-01T00:00:00Z', distro: 'fedora-43', overlayChanges: OVERLAY_CHANGES }),
  'transaction.json': (m) => exportTransactionJson(m, request),
};

describe('golden exports', () => {
  for (const [name, run] of Object.entries(exporters)) {
    it(`${name} matches its golden file`, () => golden(name, run(manifest())));

    it(`${name} does not depend on input order`, () => {
      const shuffled = buildManifest([...PACKAGES].reverse().map((p) => ({ ...p, requiredBy: [...p.requiredBy].reverse() })), { ...INPUTS, excludes: [...INPUTS.excludes].reverse() }, [...REPOS].reverse());
      expect(run(shuffled)).toBe(run(manifest()));
    });
  }

  it('changes the SPDX namespace when the content changes, not when only the time does', () => {
    const m = manifest();
    const ns = (text: string): string => (JSON.parse(text) as { documentNamespace: string }).documentNamespace;
    const a = ns(exportSpdx(m, { created: '2026-01-01T00:00:00Z' }));
    expect(ns(exportSpdx(m, { created: '2027-05-05T10:00:00Z' }))).toBe(a);
    const other = buildManifest(PACKAGES.slice(1), INPUTS, REPOS);
    expect(ns(exportSpdx(other, { created: '2026-01-01T00:00:00Z' }))).not.toBe(a);
  });
});
