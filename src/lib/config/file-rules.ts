/** Semantic checks of one config file that the schema cannot express (azldev's `ConfigFile.Validate`). */
import type { LNode, TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import { checkMetadata, checkOverlay } from './overlay-rules.ts';
import type { DiagnosticSink } from './report.ts';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const COMMIT = /^[0-9a-fA-F]{7,40}$/;
const FULL_COMMIT = /^[0-9a-fA-F]{40}$/;

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

function checkTestSuite(name: string, suite: TableNode, sink: DiagnosticSink): void {
  const type = getString(suite, 'type');
  const owner = `test suite "${name}"`;
  if (!type) return sink.error('config/test-suite', suite.loc, `${owner} is missing required field 'type'`, 'set type = "pytest" or "lisa"');
  if (type === 'pytest' && !getNode(suite, 'pytest')) sink.error('config/test-suite', suite.loc, `${owner} of type "pytest" requires a [pytest] subtable`, `add [test-suites.${name}.pytest]`);
  if (type !== 'pytest' && getNode(suite, 'pytest')) sink.error('config/test-suite', getNode(suite, 'pytest')?.loc ?? suite.loc, `${owner} of type "${type}" must not have a [pytest] subtable`, 'remove it or change the type');
  if (type !== 'lisa' && getNode(suite, 'lisa')) sink.error('config/test-suite', getNode(suite, 'lisa')?.loc ?? suite.loc, `${owner} of type "${type}" must not have a [lisa] subtable`, 'remove it or change the type');
  const pytest = getNode(suite, 'pytest');
  const install = getString(pytest, 'install');
  if (install && install !== 'none' && !getString(pytest, 'working-dir')) {
    sink.error('config/test-suite', pytest?.loc ?? suite.loc, `${owner}: 'working-dir' is required when install mode is "${install}"`, 'set working-dir');
  }
  const lisa = getNode(suite, 'lisa');
  if (lisa && getNode(lisa, 'test-cases') === undefined && getNode(lisa, 'criteria') === undefined) {
    sink.error('config/test-suite', lisa.loc, `${owner} lisa requires 'test-cases'`, 'list the LISA test case names');
  }
  const ref = getString(lisa, 'framework', 'ref');
  if (getNode(lisa, 'framework') && (!getString(lisa, 'framework', 'git-url') || !ref || !FULL_COMMIT.test(ref))) {
    sink.error('config/test-suite', getNode(lisa, 'framework')?.loc ?? suite.loc, `${owner} lisa.framework requires 'git-url' and a 40-character hex 'ref'`, 'pin the LISA framework to a full commit');
  }
}

/** Runs every per-file semantic check on a schema-validated file. */
export function checkFileSemantics(root: TableNode, sink: DiagnosticSink): void {
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
  for (const [name, suite] of tableEntries(getNode(root, 'test-suites'))) checkTestSuite(name, suite, sink);
  for (const [name, test] of tableEntries(getNode(root, 'tests'))) {
    if (!getString(test, 'type')) sink.error('config/test', test.loc, `test "${name}" is missing required field 'type'`, 'set type = "pytest", "lisa" or "tmt"');
    else if (getString(test, 'type') === 'pytest' && !getNode(test, 'pytest')) sink.error('config/test', test.loc, `test "${name}" of type "pytest" requires a [pytest] subtable`, `add [tests.${name}.pytest]`);
  }
  for (const [name, group] of tableEntries(getNode(root, 'test-groups'))) {
    arrayTables(getNode(group, 'tests')).forEach((ref, i) => {
      if (!getString(ref, 'name') || getString(ref, 'group')) {
        sink.error('config/test-group', ref.loc, `test-group "${name}" tests[${i}] must set 'name' (and not 'group')`, 'test groups cannot nest; reference [tests] entries by name');
      }
    });
  }
}
