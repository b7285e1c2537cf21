import { describe, expect, it } from 'vitest';
import { loadProject } from '../../../src/lib/config/index.ts';

/** A valid minimal project; each case adds or replaces files to break exactly one rule. */
const BASE: Record<string, string> = {
  'azldev.toml': 'includes = ["distro.toml", "comps/*.toml"]\n\n[project]\ndefault-distro = { name = "azl" }\n',
  'distro.toml': '[distros.azl]\ndefault-version = "1"\n\n[distros.azl.versions.1]\nrelease-ver = "1"\n',
};

interface Case {
  rule: string;
  files: Record<string, string>;
  code: string;
  at: [file: string, line: number, col: number];
  message: string | RegExp;
}

const comp = (body: string): Record<string, string> => ({ 'comps/c.toml': body });
const overlay = (fields: string): Record<string, string> => comp(`[components.c]\n\n[[components.c.overlays]]\n${fields}\n`);
const C = 'comps/c.toml';

const CASES: Case[] = [
  { rule: 'TOML syntax', files: comp('[components.c]\nspec = = 1\n'), code: 'config/toml-syntax', at: [C, 2, 8], message: 'invalid TOML: invalid value' },
  { rule: 'unknown top-level key', files: comp('component = 1\n'), code: 'config/unknown-key', at: [C, 1, 1], message: 'unknown key "component" at the top level' },
  { rule: 'unknown component key', files: comp('[components.c]\nspce = { type = "upstream" }\n'), code: 'config/unknown-key', at: [C, 2, 1], message: 'unknown key "spce" in components.c' },
  { rule: 'unknown nested key', files: comp('[components.c.build]\ncheck = { skip = true, skip_reason = "x", why = 1 }\n'), code: 'config/unknown-key', at: [C, 2, 43], message: 'unknown key "why" in components.c.build.check' },
  { rule: 'wrong scalar type', files: comp('[components.c.build]\ncheck = { skip = "yes", skip_reason = "x" }\n'), code: 'config/wrong-type', at: [C, 2, 11], message: 'components.c.build.check.skip must be a boolean, not a string' },
  { rule: 'string where array expected', files: comp('[components.c.build]\nwith = "tests"\n'), code: 'config/wrong-type', at: [C, 2, 1], message: 'components.c.build.with must be an array, not a string' },
  { rule: 'unquoted date-time', files: { 'distro.toml': `${BASE['distro.toml']}default-component-config = { spec = { upstream-distro = { name = "azl", snapshot = 2026-02-24T00:00:00-08:00 } } }\n` }, code: 'config/wrong-type', at: ['distro.toml', 6, 73], message: 'snapshot must be a string, not a date-time' },
  { rule: 'release calculation enum', files: comp('[components.c]\nrelease = { calculation = "sometimes" }\n'), code: 'config/invalid-value', at: [C, 2, 13], message: 'invalid value "sometimes" for components.c.release.calculation' },
  { rule: 'spec type enum', files: comp('[components.c]\nspec = { type = "git" }\n'), code: 'config/invalid-value', at: [C, 2, 10], message: 'invalid value "git" for components.c.spec.type' },
  { rule: 'no azldev.toml', files: { 'azldev.toml': '' }, code: 'config/no-root', at: ['azldev.toml', 0, 0], message: 'no azldev.toml at the project root' },
  { rule: 'missing literal include', files: { 'azldev.toml': 'includes = ["distro.toml", "nope.toml"]\n' }, code: 'config/include-missing', at: ['azldev.toml', 1, 28], message: 'included file "nope.toml" does not exist' },
  { rule: 'circular include', files: comp('includes = ["../azldev.toml"]\n'), code: 'config/circular-include', at: [C, 1, 13], message: 'circular include: "azldev.toml" is already loaded' },
  { rule: 'file reached by two patterns', files: { 'azldev.toml': 'includes = ["distro.toml", "*.toml"]\n' }, code: 'config/circular-include', at: ['azldev.toml', 1, 28], message: 'circular include: "azldev.toml" is already loaded' },
  // azldev 0.4.0 merges a component defined in two files, so that is no longer an error (see merge-1.0.test.ts);
  // what 1.0.0 checks after the merge is that upstream-only spec fields meet an upstream spec.
  { rule: 'upstream-commit on a local spec', files: { ...comp('[components.c]\nspec = { type = "local", path = "c.spec" }\n'), 'comps/d.toml': '[components.c.spec]\nupstream-commit = "abcdef1"\n' }, code: 'config/upstream-only', at: ['comps/d.toml', 2, 1], message: 'component "c": spec.upstream-commit applies only to upstream specs, but its spec type is "local" (comps/c.toml:2)' },
  { rule: 'duplicate image', files: { ...comp('[images.i]\n'), 'comps/d.toml': '[images.i]\n' }, code: 'config/duplicate', at: ['comps/d.toml', 1, 1], message: 'duplicate image "i"' },
  { rule: 'duplicate package group', files: { ...comp('[package-groups.g]\n'), 'comps/d.toml': '[package-groups.g]\n' }, code: 'config/duplicate', at: ['comps/d.toml', 1, 1], message: 'duplicate package group "g"' },
  { rule: 'per-component snapshot', files: comp('[components.c]\nspec = { upstream-distro = { name = "azl", snapshot = "2026-02-24T00:00:00Z" } }\n'), code: 'config/component-snapshot', at: [C, 2, 44], message: "component \"c\" has a per-component 'snapshot'" },
  { rule: 'local spec without path', files: comp('[components.c]\nspec = { type = "local" }\n'), code: 'config/spec-path', at: [C, 2, 1], message: 'spec type "local" requires "path"' },
  { rule: 'path without local', files: comp('[components.c]\nspec = { type = "upstream", path = "c.spec" }\n'), code: 'config/spec-path', at: [C, 2, 29], message: 'spec "path" is only allowed with type "local"' },
  { rule: 'upstream-commit not hex', files: comp('[components.c]\nspec = { upstream-commit = "main" }\n'), code: 'config/upstream-commit', at: [C, 2, 10], message: 'upstream-commit "main" is not a commit hash' },
  { rule: 'snapshot not RFC 3339', files: { 'distro.toml': `${BASE['distro.toml']}default-component-config = { spec = { upstream-distro = { name = "azl", snapshot = "2026-02-24" } } }\n` }, code: 'config/snapshot-format', at: ['distro.toml', 6, 73], message: 'snapshot "2026-02-24" is not an RFC 3339 time' },
  { rule: 'check.skip without reason', files: comp('[components.c.build]\ncheck = { skip = true }\n'), code: 'config/check-skip-reason', at: [C, 2, 1], message: 'build.check.skip requires skip_reason' },
  { rule: 'expected failure without reason', files: comp('[components.c.build]\nfailure = { expected = true }\n'), code: 'config/failure-reason', at: [C, 2, 1], message: 'build.failure.expected requires expected-reason' },
  { rule: 'hash without hash-type', files: comp('[[components.c.source-files]]\nfilename = "a.tar"\nhash = "ab"\norigin = { type = "download", uri = "https://x/a.tar" }\n'), code: 'config/source-file', at: [C, 1, 1], message: 'hash value specified without hash type for source file "a.tar"' },
  { rule: 'duplicate source file', files: comp('[[components.c.source-files]]\nfilename = "a"\norigin = { type = "download", uri = "u" }\n[[components.c.source-files]]\nfilename = "a"\norigin = { type = "download", uri = "u" }\n'), code: 'config/source-file', at: [C, 4, 1], message: 'duplicate filename "a" in \'source-files\'' },
  { rule: 'download origin without uri', files: comp('[[components.c.source-files]]\nfilename = "a"\norigin = { type = "download" }\n'), code: 'config/source-file', at: [C, 3, 1], message: 'has origin type "download" but no uri' },
  { rule: 'replace-upstream without reason', files: comp('[[components.c.source-files]]\nfilename = "a"\nreplace-upstream = true\norigin = { type = "download", uri = "u" }\n'), code: 'config/source-file', at: [C, 1, 1], message: "'replace-upstream' and 'replace-reason' must be set together" },
  { rule: 'unknown overlay type', files: overlay('type = "spec-add-tags"\ntag = "A"\nvalue = "b"'), code: 'config/overlay-unknown-type', at: [C, 4, 1], message: 'unknown overlay type "spec-add-tags"' },
  { rule: 'overlay without type', files: overlay('description = "d"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay is missing required field "type": d' },
  { rule: 'tag overlay without value', files: overlay('type = "spec-add-tag"\ndescription = "add it"\ntag = "Provides"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay type "spec-add-tag" requires "value" field: add it' },
  { rule: 'remove-tag without tag', files: overlay('type = "spec-remove-tag"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'requires "tag" field: (no description)' },
  { rule: 'append-lines without lines', files: overlay('type = "spec-append-lines"\nsection = "%files"\nlines = []'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay type "spec-append-lines" requires "lines" field' },
  { rule: 'search-replace without regex', files: overlay('type = "spec-search-replace"\nreplacement = "x"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay type "spec-search-replace" requires "regex" field' },
  { rule: 'regex backreference (RE2)', files: overlay("type = \"spec-search-replace\"\nregex = '(a)\\1'"), code: 'config/overlay-bad-regex', at: [C, 5, 1], message: /invalid regex "\(a\)\\\\1".*invalid escape/ },
  { rule: 'regex lookahead (RE2)', files: overlay("type = \"file-search-replace\"\nfile = \"x\"\nregex = 'a(?=b)'"), code: 'config/overlay-bad-regex', at: [C, 6, 1], message: /unsupported Perl syntax/ },
  { rule: 'absolute file path', files: overlay('type = "file-remove"\nfile = "/etc/passwd"'), code: 'config/overlay-absolute-path', at: [C, 5, 1], message: 'requires "file" to be a relative path; found "/etc/passwd"' },
  { rule: 'file-add without source', files: overlay('type = "file-add"\nfile = "a.txt"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay type "file-add" requires "source" field' },
  { rule: 'file-rename to a path', files: overlay('type = "file-rename"\nfile = "a"\nreplacement = "dir/b"'), code: 'config/overlay-bad-replacement', at: [C, 6, 1], message: 'requires "replacement" to be a filename only (not a path); found "dir/b"' },
  { rule: 'remove-section without section', files: overlay('type = "spec-remove-section"\npackage = "devel"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay type "spec-remove-section" requires "section" field' },
  { rule: 'remove-subpackage with section', files: overlay('type = "spec-remove-subpackage"\npackage = "devel"\nsection = "%files"'), code: 'config/overlay-unexpected-field', at: [C, 6, 1], message: 'overlay type "spec-remove-subpackage" does not accept "section" field' },
  { rule: 'patch-add without source', files: overlay('type = "patch-add"\nfile = "a.patch"'), code: 'config/overlay-missing-field', at: [C, 3, 1], message: 'overlay type "patch-add" requires "source" field' },
  { rule: 'patch-remove bad glob', files: overlay('type = "patch-remove"\nfile = "fix-[1.patch"'), code: 'config/overlay-bad-glob', at: [C, 5, 1], message: 'invalid glob pattern "fix-[1.patch"' },
  { rule: 'package without section', files: overlay('type = "spec-search-replace"\nregex = "a"\npackage = "devel"'), code: 'config/overlay-package-without-section', at: [C, 6, 1], message: 'does not accept "package" without "section"' },
  { rule: 'archive on a spec overlay', files: overlay('type = "spec-remove-tag"\ntag = "A"\narchive = "a.tar.gz"'), code: 'config/overlay-archive', at: [C, 6, 1], message: 'overlay type "spec-remove-tag" does not accept "archive" field' },
  { rule: 'archive that is no archive', files: overlay('type = "file-remove"\nfile = "x"\narchive = "notes.txt"'), code: 'config/overlay-archive', at: [C, 6, 1], message: '"archive" must name an archive file' },
  { rule: 'backport without commits', files: overlay('type = "spec-remove-tag"\ntag = "A"\nmetadata = { category = "upstream-backport", upstream-status = "upstreamed" }'), code: 'config/overlay-metadata', at: [C, 6, 1], message: 'category "upstream-backport" requires at least one entry in "commits"' },
  { rule: 'metadata category enum', files: overlay('type = "spec-remove-tag"\ntag = "A"\nmetadata = { category = "cleanup" }'), code: 'config/invalid-value', at: [C, 6, 14], message: 'invalid value "cleanup" for components.c.overlays[0].metadata.category' },
  { rule: 'per-overlay metadata in overlay file', files: { ...comp('[components.c]\noverlay-files = ["x/*.overlay.toml"]\n'), 'comps/x/a.overlay.toml': '[metadata]\ncategory = "azl-pruning"\n\n[[overlays]]\ntype = "file-remove"\nfile = "a"\nmetadata = { category = "azl-pruning" }\n' }, code: 'config/overlay-file-metadata', at: ['comps/x/a.overlay.toml', 7, 1], message: 'overlay 1 in "comps/x/a.overlay.toml" has its own metadata' },
  { rule: 'empty overlay file', files: { ...comp('[components.c]\noverlay-files = ["x/a.overlay.toml"]\n'), 'comps/x/a.overlay.toml': '\n' }, code: 'config/overlay-file-empty', at: ['comps/x/a.overlay.toml', 0, 0], message: 'overlay file "comps/x/a.overlay.toml" is empty' },
  { rule: 'missing literal overlay file', files: comp('[components.c]\noverlay-files = ["x/none.overlay.toml"]\n'), code: 'config/overlay-file-missing', at: [C, 2, 18], message: 'overlay file "comps/x/none.overlay.toml" does not exist' },
  { rule: 'repo with base-uri and metalink', files: comp('[resources.rpm-repos.r]\nbase-uri = "u"\nmetalink = "m"\ndisable-gpg-check = true\n'), code: 'config/rpm-repo', at: [C, 1, 1], message: "rpm repo \"r\" must set exactly one of 'base-uri' or 'metalink'" },
  { rule: 'repo without gpg-key', files: comp('[resources.rpm-repos.r]\nbase-uri = "u"\n'), code: 'config/rpm-repo', at: [C, 1, 1], message: "rpm repo \"r\" requires 'gpg-key' unless 'disable-gpg-check' is true" },
  { rule: 'invalid repo id', files: comp('[resources.rpm-repos."-r"]\nbase-uri = "u"\ndisable-gpg-check = true\n'), code: 'config/invalid-name', at: [C, 1, 1], message: 'invalid name "-r" in resources.rpm-repos' },
  { rule: 'repo set with unknown template', files: comp('[resources.rpm-repo-sets.s]\ntemplate = "azl-std"\nbase-uri = "u"\ndisable-gpg-check = true\n'), code: 'config/unknown-template', at: [C, 2, 1], message: 'rpm repo set "s" uses undefined template "azl-std"' },
  { rule: 'repo set with unknown subrepo', files: comp('[resources.rpm-repo-sets.s]\ntemplate = "azl-standard"\nbase-uri = "u"\ndisable-gpg-check = true\nsubrepos = ["base", "bse-src"]\n'), code: 'config/unknown-subrepo', at: [C, 5, 21], message: 'lists subrepo "bse-src", which template "azl-standard" does not have' },
  { rule: 'input with repo and set', files: comp('[distros.azl.versions.1.inputs]\nrpm-build = [{ repo = "a", set = "b" }]\n'), code: 'config/distro-inputs', at: [C, 2, 14], message: "each entry must set exactly one of 'repo' or 'set'" },
  { rule: 'duplicate input', files: comp('[resources.rpm-repos.a]\nbase-uri = "u"\ndisable-gpg-check = true\n[distros.azl.versions.1.inputs]\nimage-build = [{ repo = "a" }, { repo = "a" }]\n'), code: 'config/distro-inputs', at: [C, 5, 32], message: 'duplicate entry repo a' },
  { rule: 'input naming an undefined repo', files: comp('[distros.azl.versions.1.inputs]\nrpm-build = [{ repo = "fedora" }]\n'), code: 'config/unknown-repo', at: [C, 2, 14], message: 'inputs.rpm-build refers to undefined rpm repo "fedora"' },
  { rule: 'version without release-ver', files: comp('[distros.azl.versions.2]\ndescription = "two"\n'), code: 'config/missing-key', at: [C, 1, 1], message: 'distro "azl" version "2" is missing required key "release-ver"' },
  { rule: 'default-version not a version', files: comp('[distros.azl]\ndefault-version = "9"\n'), code: 'config/unknown-distro-version', at: [C, 2, 1], message: 'distro "azl" default-version "9" is not one of its versions' },
  { rule: 'default-distro undefined', files: { 'azldev.toml': 'includes = ["distro.toml"]\n[project]\ndefault-distro = { name = "fedora" }\n' }, code: 'config/unknown-distro', at: ['azldev.toml', 3, 20], message: 'project default-distro refers to undefined distro "fedora"' },
  { rule: 'component upstream version undefined', files: comp('[components.c]\nspec = { upstream-distro = { name = "azl", version = "7" } }\n'), code: 'config/unknown-distro-version', at: [C, 2, 44], message: 'refers to undefined version "7" of distro "azl"' },
  { rule: 'binary package in two groups', files: comp('[package-groups.a]\npackages = ["x"]\n[package-groups.b]\npackages = ["x"]\n'), code: 'config/package-in-two-groups', at: [C, 4, 13], message: 'package "x" is in package group "b" and in "a"' },
  { rule: 'binary package listed twice', files: comp('[package-groups.a]\npackages = [\n  "x", # srpm: x\n  "x", # srpm: x\n]\n'), code: 'config/package-group', at: [C, 4, 3], message: 'package group "a" lists "x" more than once' },
  { rule: 'image definition without path', files: comp('[images.i]\ndefinition = { type = "kiwi" }\n'), code: 'config/image', at: [C, 2, 1], message: 'image "i" definition requires \'path\'' },
  { rule: 'image definition type', files: comp('[images.i]\ndefinition = { type = "iso", path = "i.kiwi" }\n'), code: 'config/invalid-value', at: [C, 2, 16], message: 'invalid value "iso" for images.i.definition.type' },
  { rule: 'unknown image capability', files: comp('[images.i.capabilities]\nbootable = true\n'), code: 'config/unknown-key', at: [C, 2, 1], message: 'unknown key "bootable" in images.i.capabilities' },
  { rule: 'playground extension key', files: comp('[images.i.playground]\npackages = ["bash"]\nweak_deps = false\n'), code: 'config/unknown-key', at: [C, 3, 1], message: 'unknown key "weak_deps" in images.i.playground' },
  // azldev 1.0.0 removed test-suites; a tree still using them is told what replaced them.
  { rule: 'legacy test-suites table', files: comp('[test-suites.s]\ntype = "pytest"\n'), code: 'config/test-suites-removed', at: [C, 1, 1], message: '[test-suites.s] uses the test-suites shape that azldev 1.0.0 removed' },
  { rule: 'legacy image test-suites list', files: comp('[images.i]\ntests = { test-suites = [{ name = "smoke" }] }\n'), code: 'config/test-suites-removed', at: [C, 2, 11], message: 'image "i" lists tests.test-suites, which azldev 1.0.0 removed' },
  { rule: 'pytest test without [pytest]', files: comp('[tests.s]\ntype = "pytest"\n'), code: 'config/test', at: [C, 1, 1], message: 'test "s" of type "pytest" requires a [pytest] subtable' },
  { rule: 'tmt test with an empty [tmt]', files: comp('[tests.s]\ntype = "tmt"\ntmt = {}\n'), code: 'config/test', at: [C, 3, 1], message: 'test "s" of type "tmt" requires a [tmt] subtable' },
  { rule: 'lisa test with a pytest subtable', files: comp('[tests.s]\ntype = "lisa"\nlisa = { case = "x" }\npytest = { test-paths = ["a"] }\n'), code: 'config/test', at: [C, 4, 1], message: 'test "s" of type "lisa" cannot include subtable \'pytest\'' },
  { rule: 'image architecture', files: comp('[images.i]\narchitectures = ["x86_64", "riscv64"]\n'), code: 'config/invalid-value', at: [C, 2, 28], message: 'invalid value "riscv64" for images.i.architectures[1]' },
  { rule: 'nested test group', files: comp('[test-groups.g]\ntests = [{ group = "h" }]\n'), code: 'config/test-group', at: [C, 2, 10], message: 'test-group "g" tests[0] must set \'name\' (and not \'group\')' },
  { rule: 'lock file version', files: { ...comp('[components.c]\n'), 'locks/c.lock': 'version = 2\nupstream-commit = "abcdef1"\n' }, code: 'config/lock-version', at: ['locks/c.lock', 1, 1], message: 'lock file "locks/c.lock" has unsupported version 2' },
  { rule: 'lock file commit format', files: { ...comp('[components.c]\n'), 'locks/c.lock': 'version = 1\nupstream-commit = "HEAD"\n' }, code: 'config/invalid-value', at: ['locks/c.lock', 2, 1], message: 'invalid value "HEAD" for upstream-commit' },
];

function load(files: Record<string, string>, permissive = false) {
  const merged = new Map(Object.entries({ ...BASE, ...files }).filter(([, text]) => text !== ''));
  return loadProject(merged, { permissive }).diagnostics;
}

describe('invalid projects', () => {
  it('starts from a valid base project', () => {
    expect(load({})).toEqual([]);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$rule', ({ files, code, at, message }) => {
    const errors = load(files).filter((d) => d.severity === 'error');
    const match = errors.find((d) => d.code === code);
    expect(match, `errors: ${JSON.stringify(errors, null, 1)}`).toBeDefined();
    expect([match?.file, match?.line, match?.col]).toEqual(at);
    if (typeof message === 'string') expect(match?.message).toContain(message);
    else expect(match?.message).toMatch(message);
    expect(match?.hint?.length ?? 0).toBeGreaterThan(0);
  });

  it('reports every error of a load, not only the first', () => {
    const errors = load(comp('[components.c]\nspce = 1\n[components.d.build]\ncheck = { skip = true }\n[[components.d.overlays]]\ntype = "nope"\n'));
    expect(errors.map((d) => [d.code, d.line])).toEqual([
      ['config/unknown-key', 2],
      ['config/check-skip-reason', 4],
      ['config/overlay-unknown-type', 6],
    ]);
  });

  it('turns unknown keys into warnings with --permissive and drops them', () => {
    const diagnostics = load(comp('[components.c]\nspce = 1\n'), true);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'config/unknown-key', line: 2 });
  });
});
