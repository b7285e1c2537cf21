import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseUpdateinfo, type Advisory } from '../../../src/lib/repo/index.ts';
import { matchAdvisories, type InstalledPackage } from '../../../src/lib/supply/index.ts';

function fixtureAdvisories(): Advisory[] {
  const parsed = parseUpdateinfo(readFileSync(join(import.meta.dirname, '../../fixtures/advisories-cs9/updateinfo.xml'), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.value;
}

/** Installed packages from NEVRAs as the resolver writes them (`name-[epoch:]version-release.arch`). */
function installed(...nevras: string[]): InstalledPackage[] {
  return nevras.map((nevra) => {
    const m = /^(.+)-(?:(\d+):)?([^-]+)-([^-]+)\.([^.]+)$/.exec(nevra);
    if (!m) throw new Error(nevra);
    return { name: m[1] as string, epoch: Number(m[2] ?? 0), version: m[3] as string, release: m[4] as string, arch: m[5] as string, nevra };
  });
}

// The relevant packages of the demo's vm-base image, resolved from the bundled CentOS Stream 9 BaseOS.
const VM_BASE = installed('bash-5.1.8-2.el9.x86_64', 'glibc-2.34-21.el9.x86_64', 'openssl-1:3.0.1-5.el9.x86_64', 'openssl-libs-1:3.0.1-5.el9.x86_64', 'shadow-utils-2:4.9-3.el9.x86_64', 'sudo-1.9.5p2-7.el9.x86_64');

describe('matchAdvisories', () => {
  const sources = [{ repo: 'advisories-cs9', advisoryOnly: true, advisories: fixtureAdvisories() }];

  it('lists exactly the advisories whose fixed build is newer than an installed one of the same name and arch', () => {
    const match = matchAdvisories(VM_BASE, sources);
    expect(match.advisories.map((a) => a.id)).toEqual(['AZLPG-BA-2022:0004', 'AZLPG-SA-2022:0001']);
    expect(match.bySeverity).toEqual({ Important: 1, None: 1 });
  });

  it('names every affected package of a multi-package advisory with installed and fixed NEVRA, epoch included', () => {
    const openssl = matchAdvisories(VM_BASE, sources).advisories.find((a) => a.id === 'AZLPG-SA-2022:0001');
    expect(openssl).toEqual({
      id: 'AZLPG-SA-2022:0001', type: 'security', severity: 'Important', title: 'Important: openssl security update', issued: '2022-03-15 00:00:00',
      cves: ['CVE-2022-0778'], repos: ['advisories-cs9'],
      packages: [
        { name: 'openssl', arch: 'x86_64', installed: 'openssl-1:3.0.1-5.el9.x86_64', fixed: 'openssl-1:3.0.1-20.el9.x86_64' },
        { name: 'openssl-libs', arch: 'x86_64', installed: 'openssl-libs-1:3.0.1-5.el9.x86_64', fixed: 'openssl-libs-1:3.0.1-20.el9.x86_64' },
      ],
    });
  });

  it('leaves out an advisory whose fix is older than the installed build, one for a package not installed, another arch, or a lower epoch', () => {
    const ids = matchAdvisories(VM_BASE, sources).advisories.map((a) => a.id);
    expect(ids).not.toContain('AZLPG-SA-2022:0002'); // sudo 7.el9 installed, 6.el9 "fixed"
    expect(ids).not.toContain('AZLPG-SA-2022:0003'); // samba not installed
    expect(ids).not.toContain('AZLPG-SA-2022:0005'); // shadow-utils 2:4.9-3 beats 0:4.9-9
    expect(ids).not.toContain('AZLPG-SA-2022:0006'); // glibc i686 only
  });

  it('counts an epoch the other way too: an epoch-0 image build is older than any epoch-1 fix', () => {
    const match = matchAdvisories(installed('openssl-libs-3.0.9-1.el9.x86_64'), sources);
    expect(match.advisories[0]?.packages).toEqual([{ name: 'openssl-libs', arch: 'x86_64', installed: 'openssl-libs-3.0.9-1.el9.x86_64', fixed: 'openssl-libs-1:3.0.1-20.el9.x86_64' }]);
  });

  it('names the oldest build newer than the installed one when an advisory ships several', () => {
    const advisory: Advisory = { id: 'X-1', type: 'security', severity: 'Low', title: 't', issued: null, updated: null, cves: [], references: [], packages: [
      { name: 'bash', epoch: 0, version: '5.2.0', release: '1', arch: 'x86_64' },
      { name: 'bash', epoch: 0, version: '5.1.8', release: '3.el9', arch: 'x86_64' },
      { name: 'bash', epoch: 0, version: '5.1.8', release: '1.el9', arch: 'x86_64' },
    ] };
    const match = matchAdvisories(VM_BASE, [{ repo: 'r', advisoryOnly: false, advisories: [advisory] }]);
    expect(match.advisories[0]?.packages[0]?.fixed).toBe('bash-5.1.8-3.el9.x86_64');
  });

  it('lists an advisory carried by two sources once, with both repositories', () => {
    const match = matchAdvisories(VM_BASE, [sources[0] as (typeof sources)[number], { repo: 'updates', advisoryOnly: false, advisories: fixtureAdvisories() }]);
    expect(match.advisories.map((a) => `${a.id} ${a.repos.join(',')}`)).toEqual(['AZLPG-BA-2022:0004 advisories-cs9,updates', 'AZLPG-SA-2022:0001 advisories-cs9,updates']);
  });
});
