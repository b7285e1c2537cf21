/** Semantic checks of one config file that the schema cannot express (azldev's `ConfigFile.Validate`). */
import type { LNode, TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import { checkMetadata, checkOverlay } from './overlay-rules.ts';
import type { DiagnosticSink } from './report.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const COMMIT = /^[0-9a-fA-F]{7,40}$/;

function tableEntries(node: LNode | undefined): [string, TableNode][] {
  if (node?.kind !== 'table') return [];
  return [...node.entries].filter((e): e is [string, TableNode] => e[1].kind === 'table');
}

function arrayTables(node: LNode | undefined): TableNode[] {
  if (node?.kind !== 'array') return [];
  return node.items.filter((n): n is TableNode => n.kind === 'table');
}

function isTrue(node: LNode | undefined, ...path: string[]): boolean {
  const n = getNode(node, ...path);
  return n?.kind === 'scalar' && n.value === true;
}

/** Checks a component or `default-component-config`; `isComponent` enables the per-component-only rules. */
export function checkComponentConfig(config: TableNode, owner: string, isComponent: boolean, sink: DiagnosticSink): void {
  if (config.entries.size === 0) return;
  const spec = getNode(config, 'spec');
  const specType = getString(spec, 'type');
  const path = getNode(spec, 'path');
  if (specType === 'local' && !getString(spec, 'path')) {
    sink.error('config/spec-path', spec?.loc ?? config.loc, `${owner}: spec type "local" requires "path"`, 'set path to the .spec file, relative to this file');
  }
  if (path && specType !== 'local') {
    sink.error('config/spec-path', path.loc, `${owner}: spec "path" is only allowed with type "local"`, 'remove path, or set type = "local"');
  }
  const commit = getNode(spec, 'upstream-commit');
  if (commit?.kind === 'scalar' && !COMMIT.test(String(commit.value))) {
    sink.error('config/upstream-commit', commit.loc, `${owner}: upstream-commit "${commit.value}" is not a commit hash`, 'use 7 to 40 hex characters');
  }
  const snapshot = getNode(spec, 'upstream-distro', 'snapshot');
  if (snapshot?.kind === 'scalar') {
    if (isComponent) {
      sink.error(
        'config/component-snapshot',
        snapshot.loc,
        `${owner} has a per-component 'snapshot' on 'upstream-distro'; snapshots should be set on the distro or group default-component-config`,
        "use 'upstream-commit' to pin a specific commit",
      );
    } else if (!RFC3339.test(String(snapshot.value))) {
      sink.error('config/snapshot-format', snapshot.loc, `${owner}: snapshot "${snapshot.value}" is not an RFC 3339 time`, 'write e.g. "2026-02-24T00:00:00-08:00"');
    }
  }

  const check = getNode(config, 'build', 'check');
  if (isTrue(check, 'skip') && !getString(check, 'skip_reason')) {
    sink.error('config/check-skip-reason', check?.loc ?? config.loc, `${owner}: build.check.skip requires skip_reason`, 'say why the %check section is disabled');
  }
  const failure = getNode(config, 'build', 'failure');
  if (isTrue(failure, 'expected') && !getString(failure, 'expected-reason')) {
    sink.error('config/failure-reason', failure?.loc ?? config.loc, `${owner}: build.failure.expected requires expected-reason`, 'say why the build is expected to fail');
  }

  arrayTables(getNode(config, 'overlays')).forEach((overlay, i) => checkOverlay(overlay, `${owner} overlay ${i + 1}`, sink));
  checkSourceFiles(config, owner, sink);
}

function checkSourceFiles(config: TableNode, owner: string, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  for (const ref of arrayTables(getNode(config, 'source-files'))) {
    const filename = getString(ref, 'filename');
    if (!filename || filename.includes('/')) {
      sink.error('config/source-file', ref.loc, `${owner}: invalid filename ${JSON.stringify(filename ?? '')} for source file`, 'filename is a bare file name');
      continue;
    }
    if (seen.has(filename)) {
      sink.error('config/source-file', ref.loc, `${owner}: duplicate filename "${filename}" in 'source-files'; each filename must be unique`, 'remove or rename one entry');
    }
    seen.add(filename);
    if (getString(ref, 'hash') && !getString(ref, 'hash-type')) {
      sink.error('config/source-file', ref.loc, `${owner}: hash value specified without hash type for source file "${filename}"`, "set 'hash-type' to SHA256 or SHA512");
    }
    const replace = isTrue(ref, 'replace-upstream');
    if (replace !== Boolean(getString(ref, 'replace-reason'))) {
      sink.error('config/source-file', ref.loc, `${owner}: source file "${filename}": 'replace-upstream' and 'replace-reason' must be set together`, 'give a reason whenever an upstream source is replaced');
    }
    const origin = getNode(ref, 'origin');
    const originType = getString(origin, 'type');
    if (!originType) {
      sink.error('config/source-file', origin?.loc ?? ref.loc, `${owner}: source file "${filename}" needs origin.type`, 'use download, custom or overlay');
    } else if (originType === 'download' && !getString(origin, 'uri')) {
      sink.error('config/source-file', origin?.loc ?? ref.loc, `${owner}: source file "${filename}" has origin type "download" but no uri`, 'add uri = "https://…"');
    } else if (originType === 'custom' && !getString(origin, 'script')) {
      sink.error('config/source-file', origin?.loc ?? ref.loc, `${owner}: source file "${filename}" has origin type "custom" but no script`, 'add script = "path/to/script.sh"');
    } else if (originType === 'overlay' && !replace) {
      sink.error('config/source-file', ref.loc, `${owner}: source file "${filename}" has origin type "overlay" and requires 'replace-upstream = true'`, 'the archive already exists upstream; it is replaced after overlays');
    }
  }
}

function checkRepoRefs(list: LNode | undefined, owner: string, sink: DiagnosticSink): void {
  const seen = new Set<string>();
  for (const entry of arrayTables(list)) {
    const repo = getString(entry, 'repo');
    const set = getString(entry, 'set');
    if (Boolean(repo) === Boolean(set)) {
      sink.error('config/distro-inputs', entry.loc, `${owner}: each entry must set exactly one of 'repo' or 'set'`, 'write { repo = "id" } or { set = "name" }');
      continue;
    }
    const key = repo ? `repo:${repo}` : `set:${set}`;
    if (seen.has(key)) sink.error('config/distro-inputs', entry.loc, `${owner}: duplicate entry ${key.replace(':', ' ')}`, 'list each repo or set once');
    seen.add(key);
  }
}

// azldev 1.0.0 (#350) dropped `[test-suites.X]` and `images.X.tests.test-suites`; 0.4.0 (#229) had added
// `[tests.X]` / `[test-groups.X]` as their replacement. A tree still using them is told what to write instead.
function refuseTestSuites(root: TableNode, permissive: boolean, sink: DiagnosticSink): void {
  const severity = permissive ? 'warning' : 'error';
  const ignored = permissive ? ' (ignored because of --permissive)' : '';
  for (const [name, suite] of tableEntries(getNode(root, 'test-suites'))) {
    const type = getString(suite, 'type') || 'pytest';
    sink.add(
      severity,
      'config/test-suites-removed',
      suite.loc,
      `[test-suites.${name}] uses the test-suites shape that azldev 1.0.0 removed${ignored}`,
      `write it as [tests.${name}] with type = "${type}" and its options under [tests.${name}.${type}]; pytest working-dir stays relative to where azldev runs the test`,
    );
  }
  for (const [name, image] of tableEntries(getNode(root, 'images'))) {
    const refs = getNode(image, 'tests', 'test-suites');
    if (!refs) continue;
    sink.add(
      severity,
      'config/test-suites-removed',
      refs.loc,
      `image "${name}" lists tests.test-suites, which azldev 1.0.0 removed${ignored}`,
      'reference tests as tests.tests = [{ name = "test" }] or [{ group = "test-group" }]',
    );
  }
}

const TEST_SUBTABLES = ['pytest', 'lisa', 'tmt'] as const;

// azldev 1.0.0: each test type needs its own non-empty subtable and no other framework's.
function checkTest(name: string, test: TableNode, sink: DiagnosticSink): void {
  const type = getString(test, 'type');
  if (!type) return sink.error('config/test', test.loc, `test "${name}" is missing required field 'type'`, 'set type = "pytest", "lisa" or "tmt"');
  if (!(TEST_SUBTABLES as readonly string[]).includes(type)) return;
  const own = getNode(test, type);
  if (own?.kind !== 'table' || own.entries.size === 0) {
    sink.error('config/test', own?.loc ?? test.loc, `test "${name}" of type "${type}" requires a [${type}] subtable`, `add [tests.${name}.${type}] with the ${type} options`);
  }
  for (const other of TEST_SUBTABLES) {
    const node = other === type ? undefined : getNode(test, other);
    if (node) sink.error('config/test', node.loc, `test "${name}" of type "${type}" cannot include subtable '${other}'`, `remove [tests.${name}.${other}] or change the type`);
  }
  const pytest = getNode(test, 'pytest');
  const install = getString(pytest, 'install');
  if (type === 'pytest' && install && install !== 'none' && !getString(pytest, 'working-dir')) {
    sink.error('config/test', pytest?.loc ?? test.loc, `test "${name}": 'working-dir' is required when install mode is "${install}"`, 'set working-dir');
  }
}

/** Runs every per-file semantic check on a schema-validated file. */
export function checkFileSemantics(root: TableNode, permissive: boolean, sink: DiagnosticSink): void {
  for (const [name, comp] of tableEntries(getNode(root, 'components'))) checkComponentConfig(comp, `component "${name}"`, true, sink);
  const projectDefault = getNode(root, 'default-component-config');
  if (projectDefault?.kind === 'table') checkComponentConfig(projectDefault, 'default-component-config', false, sink);
  for (const [name, group] of tableEntries(getNode(root, 'component-groups'))) {
    const dcc = getNode(group, 'default-component-config');
    if (dcc?.kind === 'table') checkComponentConfig(dcc, `component group "${name}"`, false, sink);
    checkMetadata(getNode(group, 'metadata'), `component group "${name}" metadata`, sink);
  }
  for (const [distro, def] of tableEntries(getNode(root, 'distros'))) {
    for (const [version, v] of tableEntries(getNode(def, 'versions'))) {
      const owner = `distro "${distro}" version "${version}"`;
      const dcc = getNode(v, 'default-component-config');
      if (dcc?.kind === 'table') checkComponentConfig(dcc, owner, false, sink);
      checkRepoRefs(getNode(v, 'inputs', 'rpm-build'), `${owner} inputs.rpm-build`, sink);
      checkRepoRefs(getNode(v, 'inputs', 'image-build'), `${owner} inputs.image-build`, sink);
    }
  }
  for (const [id, repo] of tableEntries(getNode(root, 'resources', 'rpm-repos'))) {
    if (Boolean(getString(repo, 'base-uri')) === Boolean(getString(repo, 'metalink'))) {
      sink.error('config/rpm-repo', repo.loc, `rpm repo "${id}" must set exactly one of 'base-uri' or 'metalink'`, 'give the repository location once');
    }
    if (!isTrue(repo, 'disable-gpg-check') && !getString(repo, 'gpg-key')) {
      sink.error('config/rpm-repo', repo.loc, `rpm repo "${id}" requires 'gpg-key' unless 'disable-gpg-check' is true`, 'add gpg-key = "https://…"');
    }
  }
  for (const [name, set] of tableEntries(getNode(root, 'resources', 'rpm-repo-sets'))) {
    for (const key of ['template', 'base-uri']) {
      if (!getString(set, key)) sink.error('config/rpm-repo-set', set.loc, `rpm repo set "${name}" requires '${key}'`, `add ${key} = "…"`);
    }
    if (!isTrue(set, 'disable-gpg-check') && !getString(set, 'gpg-key')) {
      sink.error('config/rpm-repo-set', set.loc, `rpm repo set "${name}" requires 'gpg-key' unless 'disable-gpg-check' is true`, 'add gpg-key = "https://…"');
    }
  }
  for (const [name, group] of tableEntries(getNode(root, 'package-groups'))) {
    const seen = new Set<string>();
    const packages = getNode(group, 'packages');
    for (const item of packages?.kind === 'array' ? packages.items : []) {
      const pkg = item.kind === 'scalar' ? String(item.value) : '';
      if (seen.has(pkg)) sink.error('config/package-group', item.loc, `package group "${name}" lists "${pkg}" more than once`, 'remove the duplicate');
      seen.add(pkg);
    }
  }
  for (const [name, image] of tableEntries(getNode(root, 'images'))) {
    const def = getNode(image, 'definition');
    if (def && !getString(def, 'path')) sink.error('config/image', def.loc, `image "${name}" definition requires 'path'`, 'point path at the .kiwi file');
    if (def && !getString(def, 'type')) sink.error('config/image', def.loc, `image "${name}" definition requires 'type'`, 'set type = "kiwi"');
  }
  refuseTestSuites(root, permissive, sink);
  for (const [name, test] of tableEntries(getNode(root, 'tests'))) checkTest(name, test, sink);
  for (const [name, group] of tableEntries(getNode(root, 'test-groups'))) {
    arrayTables(getNode(group, 'tests')).forEach((ref, i) => {
      if (!getString(ref, 'name') || getString(ref, 'group')) {
        sink.error('config/test-group', ref.loc, `test-group "${name}" tests[${i}] must set 'name' (and not 'group')`, 'test groups cannot nest; reference [tests] entries by name');
      }
    });
  }
}
