/** The libsolv-expected fixture jobs: which repos, which request, which oracle output to match. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPODATA } from './wasm.ts';

/** One oracle-recorded job over fixture repositories. */
export interface FixtureJob {
  /** e.g. `centos-stream-9-baseos-2022/group-core.weak-on` */
  label: string;
  repoDirs: string[];
  specs: string[];
  groups: string[];
  weakDeps: boolean;
  excludes: string[];
  /** The oracle's stdout: sorted NEVRAs, or `problem …` lines. */
  expected: string[];
  unsolvable: boolean;
}

/** libsolv-oracle.sh -m: modular builds made unavailable by their release tag. */
export const MODULAR_EXCLUDES = ['*.module_el*', '*.module+el*', '*module+el*'];

function reposFor(fixture: string): { dirs: string[]; excludes: string[] } {
  // documented in the fixture's PROVENANCE.md: -m -r appstream -r baseos-2022
  if (fixture === 'centos-stream-9-appstream-2025')
    return { dirs: [join(REPODATA, fixture), join(REPODATA, 'centos-stream-9-baseos-2022')], excludes: MODULAR_EXCLUDES };
  return { dirs: [join(REPODATA, fixture)], excludes: [] };
}

/** Every `libsolv-expected/<job>.weak-{on,off}.txt` under the shared fixtures. */
export function fixtureJobs(): FixtureJob[] {
  const jobs: FixtureJob[] = [];
  const visit = (dir: string, rel: string) => {
    const expectedDir = join(dir, 'libsolv-expected');
    if (existsSync(expectedDir)) {
      const { dirs, excludes } = reposFor(rel);
      for (const file of readdirSync(expectedDir).sort()) {
        const m = /^(.+)\.weak-(on|off)\.txt$/.exec(file);
        if (!m) continue;
        const job = m[1]!;
        let specs: string[] = [];
        let groups: string[] = [];
        if (job.startsWith('group-')) groups = job.slice('group-'.length).split('+');
        else if (existsSync(join(expectedDir, `${job}.spec`)))
          specs = readFileSync(join(expectedDir, `${job}.spec`), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
        else specs = [job];
        const expected = readFileSync(join(expectedDir, file), 'utf8').split('\n').filter(Boolean);
        jobs.push({
          label: `${rel}/${basename(file, '.txt')}`,
          repoDirs: dirs,
          specs,
          groups,
          weakDeps: m[2] === 'on',
          excludes,
          expected,
          unsolvable: expected.some((l) => l.startsWith('problem ')),
        });
      }
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }))
      if (entry.isDirectory() && entry.name !== 'repodata' && entry.name !== 'libsolv-expected') visit(join(dir, entry.name), rel ? `${rel}/${entry.name}` : entry.name);
  };
  for (const entry of readdirSync(REPODATA, { withFileTypes: true })) if (entry.isDirectory()) visit(join(REPODATA, entry.name), entry.name);
  return jobs;
}
