import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveCommands, kickstartRepos, parseKickstart, type KickstartCommand } from '../../../src/lib/image/kickstart/index.ts';

const ROOT = join(import.meta.dirname, '../../../../shared/fixtures/kickstart');
const KS_DIR = join(ROOT, 'fedora-kickstarts-f43');
const EXPECTED_DIR = join(ROOT, 'expected');

interface ExpectedPackages {
  seen: boolean;
  nocore: boolean;
  excludeDocs: boolean;
  instLangs: string | null;
  excludeWeakdeps: boolean;
  multiLib: boolean;
  ignoreMissing: boolean;
  environment: string | null;
  groups: { name: string; include: string }[];
  excludedGroups: string[];
  packages: string[];
  excludedPackages: string[];
}

interface Expected {
  file: string;
  packages_section: ExpectedPackages;
  repos: Record<string, string>[];
  url: Record<string, string>;
  ksvalidator: Record<string, { rc: number; messages: string[] }>;
  commands: Record<string, string[]>;
}

type CommandView = { name: string; positionals: string[]; options: Record<string, string | true> };

/** pykickstart keys reboot/shutdown/poweroff/halt as one command and writes defaults it fills in itself. */
function asPykickstartWrites(c: KickstartCommand): CommandView {
  const options = { ...c.options };
  if (c.name === 'network' && options['onboot'] === 'on') delete options['onboot'];
  if (c.name === 'bootloader' && options['disabled'] !== true && options['location'] === undefined) options['location'] = 'mbr';
  if (c.name === 'rootpw' && c.positionals.length > 0 && options['iscrypted'] !== true) options['plaintext'] = true;
  return { name: c.name, positionals: c.positionals, options };
}

const pykickstartKey = (name: string): string => (['shutdown', 'poweroff', 'halt'].includes(name) ? 'reboot' : name);

/** All fixture kickstarts as a virtual project, keyed by bare file name as Fedora's %include lines use them. */
const files = new Map<string, string>(
  readdirSync(KS_DIR)
    .filter((f) => f.endsWith('.ks'))
    .map((f) => [f, readFileSync(join(KS_DIR, f), 'utf8')]),
);

const expectedFiles = readdirSync(EXPECTED_DIR).filter((f) => f.endsWith('.json'));

// pykickstart's Group.include levels: GROUP_REQUIRED (--nodefaults), GROUP_DEFAULT, GROUP_ALL (--optional).
const includeLevel = (g: { withOptional: boolean; noDefaults: boolean }): string => (g.noDefaults ? 'required' : g.withOptional ? 'all' : 'default');

describe('kickstart parser against pykickstart 3.74 (F43 handler)', () => {
  it('has the 17 recorded results to compare with', () => {
    expect(expectedFiles).toHaveLength(17);
  });

  for (const name of expectedFiles) {
    const expected = JSON.parse(readFileSync(join(EXPECTED_DIR, name), 'utf8')) as Expected;
    describe(expected.file, () => {
      const { document, diagnostics } = parseKickstart(files, expected.file);
      const pkgs = document.packages;
      const exp = expected.packages_section;

      it('reads without errors', () => {
        expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      });

      it('matches the %packages header options', () => {
        expect({
          seen: pkgs.seen,
          nocore: pkgs.nocore,
          excludeDocs: pkgs.excludeDocs,
          instLangs: pkgs.instLangs,
          excludeWeakdeps: pkgs.excludeWeakdeps,
          multiLib: pkgs.multilib,
          ignoreMissing: pkgs.ignoreMissing,
        }).toEqual({
          seen: exp.seen,
          nocore: exp.nocore,
          excludeDocs: exp.excludeDocs,
          instLangs: exp.instLangs,
          excludeWeakdeps: exp.excludeWeakdeps,
          multiLib: exp.multiLib,
          ignoreMissing: exp.ignoreMissing,
        });
      });

      it('matches environment, groups and excluded groups', () => {
        expect(pkgs.environment?.id ?? null).toBe(exp.environment);
        const groups = pkgs.groups.map((g) => ({ name: g.id, include: includeLevel(g) })).sort((a, b) => a.name.localeCompare(b.name));
        expect(groups).toEqual(exp.groups);
        expect([...new Set(pkgs.excludedGroups.map((g) => g.id))].sort()).toEqual([...exp.excludedGroups].sort());
      });

      it('matches packages and excluded packages', () => {
        expect(pkgs.packages.map((p) => p.spec).sort()).toEqual(exp.packages);
        expect(pkgs.excludes.map((e) => e.pattern).sort()).toEqual(exp.excludedPackages);
      });

      it('matches repo and url lines', () => {
        const repos = kickstartRepos(document);
        const repoLines = repos.filter((r) => r.name !== 'anaconda').map((r) => ({ name: r.name, [r.urlKind]: r.url }));
        expect(repoLines).toEqual(expected.repos);
        const url = repos.find((r) => r.name === 'anaconda');
        expect(url ? { [url.urlKind === 'baseurl' ? 'url' : url.urlKind]: url.url } : {}).toEqual(expected.url);
      });

      it('reads the commands as pykickstart re-serialises them', () => {
        const ours = effectiveCommands(document);
        // Only commands the file has: pykickstart also writes defaults such as `bootloader --location=none`.
        const keys = Object.keys(expected.commands).filter((k) => ours.some((c) => pykickstartKey(c.name) === k));
        // The recording holds a selection of commands; each of them we must have read, except the bootloader
        // line pykickstart writes even when the file has none.
        expect(keys.sort()).toEqual(Object.keys(expected.commands).filter((k) => k !== 'bootloader' || keys.includes(k)).sort());
        for (const key of keys) {
          const theirs = (expected.commands[key] ?? []).flatMap((line) => parseKickstart(new Map([['x.ks', line]]), 'x.ks').document.commands);
          const mine = ours.filter((c) => pykickstartKey(c.name) === key).map(asPykickstartWrites);
          expect(mine.map((c) => ({ ...c, name: pykickstartKey(c.name) })), key).toEqual(theirs.map((c) => ({ name: pykickstartKey(c.name), positionals: c.positionals, options: c.options })));
        }
      });

      it('flags the deprecated spellings ksvalidator -v F43 reports', () => {
        // ksvalidator turns each deprecation warning into an exception, so it reports only the first
        // deprecated option of a line; we report every one, and compare the first per line.
        const firstPerLine = new Map<string, string>();
        for (const d of diagnostics.filter((x) => x.code === 'kickstart/deprecated-option')) {
          const key = `${d.file}:${d.line}`;
          if (!firstPerLine.has(key)) firstPerLine.set(key, `${d.line} ${d.message.split(' ')[0]}`);
        }
        const ours = [...firstPerLine.values()].sort();
        const theirs = (expected.ksvalidator['F43']?.messages ?? [])
          .map((m) => /^Ignoring deprecated option on line (\d+): The (\S+) option/.exec(m))
          .filter((m): m is RegExpExecArray => m !== null)
          .map((m) => `${m[1]} ${m[2]}`)
          .sort();
        expect(ours).toEqual(theirs);
        expect(theirs.length).toBe(expected.ksvalidator['F43']?.rc);
      });
    });
  }
});

describe('kickstart parser on every Fedora 43 kickstart', () => {
  for (const name of files.keys()) {
    it(`${name} reads without errors`, () => {
      const { diagnostics } = parseKickstart(files, name);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    });
  }
});
