import { beforeAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expandGroup } from '../../../src/lib/repo/comps-expand.ts';
import type { CompsModel } from '../../../src/lib/repo/comps.ts';
import type { Resolver } from '../../../src/lib/resolve/resolver.ts';
import { MODULAR_EXCLUDES } from '../../support/fixture-jobs.ts';
import { REPODATA, SHARED, readRepoComps, readRepoDir, resolverWith } from '../../support/wasm.ts';

// Native libsolv (Debian's testsolv, through shared/tools/libsolv-oracle.sh) and our wasm resolver
// answer the same jobs, run live: sorted NEVRAs, problem lines, or "no match", must be identical.
const ORACLE = join(SHARED, 'tools/libsolv-oracle.sh');
const DEB = join(REPODATA, 'debian-bookworm-as-rpmmd');
const CS9 = join(REPODATA, 'centos-stream-9-baseos-2022');
const APPSTREAM = join(REPODATA, 'centos-stream-9-appstream-2025');
const FC32 = join(REPODATA, 'fedora32-el8-closures-bazeldnf/libvirt-devel-fc32');

interface LiveJob {
  repos: string[];
  specs: string[];
  groups?: string[];
  excludes?: string[];
  weak?: boolean;
  best?: boolean;
  filelists?: boolean;
  modular?: boolean;
}

const JOBS: LiveJob[] = [
  { repos: [DEB], specs: ['openssh-client'] },
  { repos: [DEB], specs: ['vim', 'git', 'curl'], weak: false },
  { repos: [DEB], specs: ['apache2'] },
  { repos: [DEB], specs: ['postgresql'], best: true },
  { repos: [DEB], specs: ['emacs-nox'], weak: false },
  { repos: [DEB], specs: ['python3-numpy', 'python3-scipy'] },
  { repos: [DEB], specs: ['build-essential'], excludes: ['*-doc'] },
  { repos: [DEB], specs: ['docker.io'] },
  { repos: [DEB], specs: [], groups: ['standard'], weak: false },
  { repos: [DEB], specs: ['nginx'], excludes: ['nginx-common'] },
  { repos: [DEB], specs: ['no-such-package-anywhere'] },
  { repos: [CS9], specs: ['vim-minimal', 'sudo'] },
  { repos: [CS9], specs: [], groups: ['base'] },
  { repos: [CS9], specs: [], groups: ['standard'], weak: false, best: true },
  { repos: [CS9], specs: ['kernel'], excludes: ['linux-firmware*'] },
  { repos: [CS9], specs: ['NetworkManager', '/usr/bin/ssh'] },
  { repos: [CS9], specs: ['libcrypto.so.3()(64bit)', 'bash >= 5'] },
  { repos: [CS9], specs: ['glibc.i686'] },
  { repos: [CS9], specs: ['openssh-server-8.7p1-6.el9.x86_64'] },
  { repos: [CS9], specs: ['krb5-server'] },
  { repos: [CS9], specs: ['/usr/lib64/libssl.so.3'], filelists: true },
  { repos: [FC32], specs: ['libvirt-devel'], best: true },
  { repos: [APPSTREAM, CS9], specs: ['httpd', 'mod_ssl'], modular: true, best: true },
  { repos: [APPSTREAM, CS9], specs: ['git'], modular: true, weak: false },
];

function oracle(job: LiveJob): { code: number; lines: string[] } {
  const args: string[] = [];
  for (const r of job.repos) args.push('-r', r);
  if (job.weak === false) args.push('-W');
  if (job.best) args.push('-b');
  if (job.filelists) args.push('-F');
  if (job.modular) args.push('-m');
  for (const x of job.excludes ?? []) args.push('-x', x);
  for (const g of job.groups ?? []) args.push('-g', g);
  args.push('-q', '--', ...job.specs);
  const run = spawnSync('bash', [ORACLE, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: run.status ?? -1, lines: run.stdout.split('\n').filter(Boolean) };
}

const label = (job: LiveJob) =>
  `${job.repos.map((r) => r.replace(/.*\//, '')).join('+')}: ${[...job.specs, ...(job.groups ?? []).map((g) => `@${g}`)].join(' ')}` +
  `${job.weak === false ? ' -W' : ''}${job.best ? ' -b' : ''}${job.excludes ? ` -x ${job.excludes.join(',')}` : ''}${job.filelists ? ' -F' : ''}`;

const haveOracle = spawnSync('bash', ['-c', 'command -v testsolv && command -v repo2solv'], { encoding: 'utf8' }).status === 0 && existsSync(ORACLE);

describe('resolver equals native libsolv, run live', () => {
  const resolvers = new Map<string, Promise<Resolver>>();
  const comps = new Map<string, Promise<CompsModel[]>>();
  beforeAll(() => {
    expect(haveOracle, 'native libsolv is missing: apt-get install libsolv-tools (bash .ci/install.sh does)').toBe(true);
    expect(JOBS.length).toBeGreaterThanOrEqual(20);
  });

  for (const job of JOBS) {
    test(label(job), { timeout: 240_000 }, async () => {
      const key = job.repos.join('|') + (job.filelists ? '+F' : '');
      if (!resolvers.has(key))
        resolvers.set(key, (async () => {
          const r = await resolverWith(job.repos);
          if (job.filelists)
            for (const [i, dir] of job.repos.entries()) {
              const fl = readRepoDir(dir, true).filelists;
              if (fl) await r.loadFilelists(`repo${i + 1}`, fl);
            }
          return r;
        })());
      if (!comps.has(key)) comps.set(key, Promise.all(job.repos.map(readRepoComps)).then((c) => c.filter((x): x is CompsModel => !!x)));
      const r = await resolvers.get(key)!;
      const models = await comps.get(key)!;
      const groupJobs = (job.groups ?? []).flatMap((g) => {
        const e = expandGroup(models, g, { arch: 'x86_64', kind: 'group' });
        if (!e.ok) throw new Error(e.error.message);
        // the oracle leaves conditional members out; dnf5 (and we) install them as rich deps
        return e.value.jobs.filter((j) => j.type !== 'conditional');
      });
      const result = r.solve({
        specs: job.specs,
        groupPackages: groupJobs,
        excludes: [...(job.excludes ?? []), ...(job.modular ? MODULAR_EXCLUDES : [])],
        weakDeps: job.weak !== false,
        best: job.best === true,
      });
      const expected = oracle(job);
      if (expected.code === 3) {
        expect(result).toMatchObject({ ok: false, kind: 'no-match' });
        return;
      }
      if (expected.code === 2) {
        expect(result.ok).toBe(false);
        expect(r.resultText().split('\n').filter((l) => l.startsWith('problem '))).toEqual(expected.lines);
        return;
      }
      expect(expected.code).toBe(0);
      if (!result.ok) throw new Error(`${label(job)}: ${JSON.stringify(result).slice(0, 800)}`);
      expect(result.packages.map((p) => p.nevra)).toEqual(expected.lines);
    });
  }
});
