import { describe, expect, it } from 'vitest';
import { loadProject, resolveComponent, resolveProject } from '../../../src/lib/config/index.ts';

/**
 * A tree in the shape azldev 1.0.0 projects have: generated upstream-commit pins included before the
 * component files, components split over several files, [tests] and [test-groups], per-image
 * architectures and a distro-version kiwi-config-override.
 */
const TREE: Record<string, string> = {
  'azldev.toml': 'includes = ["distro/*.distro.toml", "base/project.toml"]\n',
  'distro/azl.distro.toml': `[distros.azl]
default-version = "4.0"
[distros.azl.versions."4.0"]
release-ver = "4.0"
kiwi-config-override = "kiwi/override.yml"
[distros.azl.versions."4.0".default-component-config]
spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43" } }
[distros.fedora]
dist-git-base-uri = "https://src.fedoraproject.org/rpms/$pkg.git"
[distros.fedora.versions.43]
release-ver = "43"
dist-git-branch = "f43"
`,
  'distro/kiwi/override.yml': 'runtime:\n  container_compression: xz\n',
  'base/project.toml': `includes = ["upstream-commits/*.toml", "comps/components.toml", "comps/**/*.comp.toml", "comps/extra.toml", "images/images.toml"]
[project]
default-distro = { name = "azl" }
`,
  'base/upstream-commits/curl.toml': '[components.curl.spec]\nupstream-commit = "0123456789abcdef0123456789abcdef01234567"\n',
  'base/upstream-commits/bash.toml': '[components.bash.spec]\nupstream-commit = "1111111"\n',
  'base/comps/components.toml': '[components.bash]\n[components.curl]\n',
  'base/comps/curl/curl.comp.toml': `[components.curl]
release = { calculation = "manual" }
build = { with = ["first"], defines = { a = "comp" } }
[[components.curl.overlays]]
type = "spec-add-tag"
tag = "Provides"
value = "from-comp-file"
[components.curl.tests]
tests = [{ group = "smoke" }]
`,
  'base/comps/extra.toml': `[components.curl]
build = { with = ["second"], defines = { b = "extra" } }
[[components.curl.overlays]]
type = "spec-add-tag"
tag = "Provides"
value = "from-extra"
`,
  'base/images/images.toml': `includes = ["images.tests.toml"]
[images.vm-base]
definition = { type = "kiwi", path = "vm-base.kiwi" }
capabilities = { machine-bootable = true }
tests = { tests = [{ group = "smoke" }, { name = "tmt-plan" }] }
[images.arm-only]
definition = { type = "kiwi", path = "vm-base.kiwi" }
architectures = ["aarch64"]
`,
  'base/images/images.tests.toml': `[tests.static-checks]
type = "pytest"
[tests.static-checks.pytest]
working-dir = "tests/static"
test-paths = ["cases/test_*.py"]
install = "pyproject"
[tests.tmt-plan]
type = "tmt"
tmt = { plan = "/plans/smoke" }
[tests.boot]
type = "lisa"
lisa = { criteria = [{ area = "core" }] }
[test-groups.smoke]
tests = [{ name = "static-checks" }, { name = "boot" }]
`,
  'base/images/vm-base.kiwi': '<image schemaversion="7.4" name="vm-base"/>\n',
};

function load(extra: Record<string, string> = {}) {
  const files = new Map(Object.entries({ ...TREE, ...extra }).filter(([, t]) => t !== ''));
  return loadProject(files);
}

const errors = (r: ReturnType<typeof loadProject>) => r.diagnostics.filter((d) => d.severity === 'error');

describe('azldev 1.0 project model', () => {
  it('loads a 1.0-shaped tree without problems', () => {
    const result = load();
    expect(result.diagnostics).toEqual([]);
  });

  it('a component split over two files is merged, not reported as a duplicate (azldev 0.4.0 #296)', () => {
    const c = resolveComponent(load().project, 'curl');
    // Overlays append in load order; lists append; later non-empty scalars and map keys win.
    expect(c?.overlays.map((o) => o.overlay.value)).toEqual(['from-comp-file', 'from-extra']);
    expect(c?.overlays.map((o) => o.loc.file)).toEqual(['base/comps/curl/curl.comp.toml', 'base/comps/extra.toml']);
    expect(c?.config.build?.with).toEqual(['first', 'second']);
    expect(c?.config.build?.defines).toEqual({ a: 'comp', b: 'extra' });
    expect(c?.config.release?.calculation).toBe('manual');
  });

  it('lists every file a component is defined in and credits each value to its file', () => {
    const c = resolveComponent(load().project, 'curl');
    expect(c?.definedIn.map((l) => `${l.file}:${l.line}`)).toEqual([
      'base/upstream-commits/curl.toml:1',
      'base/comps/components.toml:2',
      'base/comps/curl/curl.comp.toml:1',
      'base/comps/extra.toml:1',
    ]);
    // The component lives at its first definition that sets something and is not a generated pin.
    expect(c?.loc).toEqual({ file: 'base/comps/curl/curl.comp.toml', line: 1, col: 1 });
    expect(resolveComponent(load().project, 'bash')?.loc).toEqual({ file: 'base/comps/components.toml', line: 1, col: 1 });
    expect(c?.provenance['spec.upstream-commit']?.file).toBe('base/upstream-commits/curl.toml');
    expect(c?.provenance['build.defines.a']?.file).toBe('base/comps/curl/curl.comp.toml');
    expect(c?.provenance['build.defines.b']?.file).toBe('base/comps/extra.toml');
    expect(c?.provenance['release.calculation']?.file).toBe('base/comps/curl/curl.comp.toml');
  });

  it('takes the upstream commit from a generated pin file loaded before the component files (1.0.0 #323)', () => {
    const result = load();
    const curl = resolveComponent(result.project, 'curl');
    expect(curl?.upstream).toMatchObject({ commit: '0123456789abcdef0123456789abcdef01234567', commitFrom: 'pin', distro: 'fedora', distGitBranch: 'f43' });
    // The pin sets only the commit: the source type comes from the distro defaults (#361).
    expect(curl?.config.spec?.type).toBe('upstream');
    expect(curl?.provenance['spec.type']?.file).toBe('distro/azl.distro.toml');
    expect(result.project.loadedFiles.indexOf('base/upstream-commits/curl.toml')).toBeLessThan(result.project.loadedFiles.indexOf('base/comps/curl/curl.comp.toml'));
  });

  it('lets a component definition override its pin when the pin loads first', () => {
    const result = load({ 'base/comps/extra.toml': '[components.bash]\nspec = { type = "upstream", upstream-commit = "2222222" }\n' });
    expect(result.diagnostics).toEqual([]);
    expect(resolveComponent(result.project, 'bash')?.upstream?.commit).toBe('2222222');
  });

  it('warns when a pin loads after the definition it overrides', () => {
    const result = load({
      'base/project.toml': TREE['base/project.toml']?.replace('"upstream-commits/*.toml", "comps/components.toml"', '"comps/components.toml", "upstream-commits/*.toml"') ?? '',
      'base/comps/components.toml': '[components.bash]\nspec = { type = "upstream", upstream-commit = "3333333" }\n[components.curl]\n',
    });
    const warning = result.diagnostics.find((d) => d.code === 'config/pin-after-definition');
    expect(warning).toMatchObject({ severity: 'warning', file: 'base/upstream-commits/bash.toml', line: 2 });
    expect(warning?.message).toContain('loads after its definition at base/comps/components.toml:2');
    expect(resolveComponent(result.project, 'bash')?.upstream?.commit).toBe('1111111');
  });

  it('warns about a component that only a pin defines (a stale pin)', () => {
    const result = load({ 'base/upstream-commits/gone.toml': '[components.gone.spec]\nupstream-commit = "4444444"\n' });
    expect(errors(result)).toEqual([]);
    expect(result.diagnostics.map((d) => [d.code, d.file])).toEqual([['config/pin-only-component', 'base/upstream-commits/gone.toml']]);
  });

  it('refuses a commit pin when no layer makes the spec upstream, naming the 1.0.0 rule', () => {
    const result = load({
      'distro/azl.distro.toml': TREE['distro/azl.distro.toml']?.replace('spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43" } }', '') ?? '',
    });
    const error = errors(result).find((d) => d.file === 'base/upstream-commits/bash.toml');
    expect(error).toMatchObject({ code: 'config/upstream-only', line: 2 });
    expect(error?.message).toBe('component "bash": spec.upstream-commit applies only to upstream specs, but no spec type is set by the component or the defaults it inherits');
    expect(error?.hint).toContain('azldev 1.0.0');
  });

  it('reads [tests] of every type and [test-groups], referenced from images and components', () => {
    const resolved = resolveProject(load().project);
    expect(Object.keys(resolved.tests).sort()).toEqual(['boot', 'static-checks', 'tmt-plan']);
    expect(resolved.tests['tmt-plan']?.value['tmt']).toEqual({ plan: '/plans/smoke' });
    expect(resolved.testGroups['smoke']?.value['tests']).toEqual([{ name: 'static-checks' }, { name: 'boot' }]);
    expect(resolved.images['vm-base']?.value.tests?.tests).toEqual([{ group: 'smoke' }, { name: 'tmt-plan' }]);
    expect(resolved.components['curl']?.config.tests?.tests).toEqual([{ group: 'smoke' }]);
  });

  it('keeps a pytest working-dir as authored (1.0.0 #350)', () => {
    const resolved = resolveProject(load().project);
    expect(resolved.tests['static-checks']?.value['pytest']).toMatchObject({ 'working-dir': 'tests/static' });
  });

  it('reports undefined test and test-group references', () => {
    const result = load({ 'base/comps/extra.toml': '[components.curl.tests]\ntests = [{ name = "nope" }, { group = "none" }]\n' });
    expect(errors(result).map((d) => d.message)).toEqual([
      'component "curl" tests.tests references undefined test "nope"',
      'component "curl" tests.tests references undefined test-group "none"',
    ]);
  });

  it('refuses the legacy test-suites shape and names the replacement; --permissive only warns', () => {
    const legacy = { 'base/images/suites.toml': '[test-suites.smoke]\ntype = "pytest"\npytest = { working-dir = "t" }\n', 'base/images/images.toml': `includes = ["images.tests.toml", "suites.toml"]\n${TREE['base/images/images.toml']?.split('\n').slice(1).join('\n')}` };
    const strict = errors(load(legacy));
    expect(strict).toHaveLength(1);
    expect(strict[0]).toMatchObject({ code: 'config/test-suites-removed', file: 'base/images/suites.toml', line: 1 });
    expect(strict[0]?.hint).toBe('write it as [tests.smoke] with type = "pytest" and its options under [tests.smoke.pytest]; pytest working-dir stays relative to where azldev runs the test');
    const files = new Map(Object.entries({ ...TREE, ...legacy }));
    const permissive = loadProject(files, { permissive: true });
    expect(permissive.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'config/test-suites-removed']]);
  });

  it('keeps images.X.architectures and kiwi-config-override, rebased on the defining file', () => {
    const resolved = resolveProject(load().project);
    expect(resolved.images['arm-only']?.value.architectures).toEqual(['aarch64']);
    expect(resolved.images['vm-base']?.value.architectures).toBeUndefined();
    expect(resolved.distros['azl']?.value.versions?.['4.0']?.['kiwi-config-override']).toBe('distro/kiwi/override.yml');
    expect(resolved.distros['azl']?.provenance['versions."4.0".kiwi-config-override']).toEqual({ file: 'distro/azl.distro.toml', line: 5, col: 1 });
  });

  it('warns when kiwi-config-override names a file that is not there', () => {
    const result = load({ 'distro/kiwi/override.yml': '' });
    expect(result.diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([['warning', 'config/kiwi-config-override-missing', 'distro/azl.distro.toml', 5]]);
  });

  it('takes an include without * ? [ { as a literal name, backslash and all, and expands braces (doublestar)', () => {
    const result = load({
      'base/images/images.toml': `includes = ["images.tests.toml", "odd\\\\name.toml", "{a,b}.toml"]\n${TREE['base/images/images.toml']?.split('\n').slice(1).join('\n')}`,
      'base/images/odd\\name.toml': '[tests.odd]\ntype = "tmt"\ntmt = { plan = "/odd" }\n',
      'base/images/a.toml': '[tests.from-a]\ntype = "tmt"\ntmt = { plan = "/a" }\n',
      'base/images/b.toml': '[tests.from-b]\ntype = "tmt"\ntmt = { plan = "/b" }\n',
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.project.loadedFiles.filter((f) => f.startsWith('base/images/') && !f.endsWith('images.toml') && !f.endsWith('images.tests.toml'))).toEqual(['base/images/odd\\name.toml', 'base/images/a.toml', 'base/images/b.toml']);
  });
});
