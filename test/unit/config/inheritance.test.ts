import { describe, expect, it } from 'vitest';
import { loadProject, resolveComponent, resolveProject } from '../../../src/lib/config/index.ts';

const ROOT = 'includes = ["distro.toml", "groups.toml", "comps/**/*.comp.toml"]\n[project]\ndefault-distro = { name = "azl" }\n';
const DISTRO = `[distros.azl]
default-version = "1"
[distros.azl.versions.1]
release-ver = "1"
[distros.azl.versions.1.default-component-config]
overlays = [{ type = "spec-add-tag", tag = "Distro", value = "d" }]
build = { with = ["distro"], defines = { a = "distro", b = "distro" } }
`;
const GROUPS = `[default-component-config]
overlays = [{ type = "spec-add-tag", tag = "Project", value = "p" }]

[component-groups.zeta]
components = ["c"]
default-component-config = { overlays = [{ type = "spec-add-tag", tag = "Zeta", value = "z" }], build = { with = ["zeta"] } }

[component-groups.alpha]
components = ["c", "d"]
[component-groups.alpha.default-component-config]
overlays = [{ type = "spec-add-tag", tag = "Alpha", value = "a" }]
overlay-files = ["alpha/*.overlay.toml"]
build = { check = { skip = true, skip_reason = "group" } }
`;
const overlayFile = (tag: string) => `[metadata]\ncategory = "azl-pruning"\n\n[[overlays]]\ntype = "spec-add-tag"\ntag = "${tag}"\nvalue = "v"\n`;

function project(extra: Record<string, string>) {
  const files = new Map(Object.entries({ 'azldev.toml': ROOT, 'distro.toml': DISTRO, 'groups.toml': GROUPS, ...extra }));
  const result = loadProject(files);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.project;
}

describe('component inheritance', () => {
  it('appends overlays: distro version, project, groups alphabetically, then the component', () => {
    const p = project({ 'comps/c/c.comp.toml': '[components.c]\noverlays = [{ type = "spec-add-tag", tag = "Own", value = "o" }]\noverlay-files = []\n' });
    const c = resolveComponent(p, 'c');
    expect(c?.groups).toEqual(['alpha', 'zeta']);
    expect(c?.overlays.map((o) => o.overlay.tag)).toEqual(['Distro', 'Project', 'Alpha', 'Zeta', 'Own']);
    expect(c?.overlays.map((o) => o.loc.file)).toEqual(['distro.toml', 'groups.toml', 'groups.toml', 'groups.toml', 'comps/c/c.comp.toml']);
    expect(c?.provenance['overlays[2].tag']?.line).toBe(11);
  });

  it('appends lists, merges maps per key and lets a non-empty scalar override', () => {
    const p = project({ 'comps/c/c.comp.toml': '[components.c.build]\nwith = ["own"]\ndefines = { b = "own" }\n' });
    const c = resolveComponent(p, 'c');
    expect(c?.config.build?.with).toEqual(['distro', 'zeta', 'own']);
    expect(c?.config.build?.defines).toEqual({ a: 'distro', b: 'own' });
    expect(c?.provenance['build.defines.a']?.file).toBe('distro.toml');
    expect(c?.provenance['build.defines.b']?.file).toBe('comps/c/c.comp.toml');
  });

  it('cannot undo a group check.skip with false (a zero value never overrides)', () => {
    const p = project({ 'comps/c/c.comp.toml': '[components.c.build]\ncheck = { skip = false }\n' });
    expect(resolveComponent(p, 'c')?.config.build?.check).toEqual({ skip: true, skip_reason: 'group' });
  });

  it('replaces inherited overlay-files, and [] turns them off', () => {
    const files = {
      'alpha/1.overlay.toml': overlayFile('FromGroup'),
      'comps/d/own/1.overlay.toml': overlayFile('FromComponent'),
      'comps/d/d.comp.toml': '[components.d]\noverlay-files = ["own/*.overlay.toml"]\n',
      'comps/c/c.comp.toml': '[components.c]\noverlay-files = []\n',
      'comps/e/e.comp.toml': '[components.e]\n',
    };
    const p = project({ ...files, 'groups.toml': GROUPS.replace('components = ["c", "d"]', 'components = ["c", "d", "e"]') });
    expect(resolveComponent(p, 'd')?.overlayFiles).toEqual(['comps/d/own/1.overlay.toml']);
    expect(resolveComponent(p, 'c')?.overlayFiles).toEqual([]);
    expect(resolveComponent(p, 'e')?.overlays.at(-1)?.overlay.tag).toBe('FromGroup');
  });

  it('orders overlay files by basename then path within a pattern, concatenates patterns and drops duplicates', () => {
    const files = {
      'comps/c/c.comp.toml': '[components.c]\noverlay-files = ["o/late/*.overlay.toml", "o/**/*.overlay.toml", "o/early/0001-a.overlay.toml"]\n',
      'comps/c/o/late/0002-b.overlay.toml': overlayFile('late-2'),
      'comps/c/o/late/0001-z.overlay.toml': overlayFile('late-1'),
      'comps/c/o/early/0001-a.overlay.toml': overlayFile('early-1'),
      'comps/c/o/early/0003-c.overlay.toml': overlayFile('early-3'),
    };
    const c = resolveComponent(project(files), 'c');
    expect(c?.overlayFiles).toEqual([
      'comps/c/o/late/0001-z.overlay.toml',
      'comps/c/o/late/0002-b.overlay.toml',
      'comps/c/o/early/0001-a.overlay.toml',
      'comps/c/o/early/0003-c.overlay.toml',
    ]);
    expect(c?.overlays.filter((o) => o.overlayFile).map((o) => o.overlay.tag)).toEqual(['late-1', 'late-2', 'early-1', 'early-3']);
  });
});

describe('merging across files', () => {
  it('merges distros per field, replacing lists and keeping earlier non-empty fields', () => {
    const p = project({
      'comps/x/more.comp.toml': '[distros.azl]\ndescription = "later"\nrepos = [{ base-uri = "https://later" }]\n',
      'distro.toml': `${DISTRO}[distros.azl]\n`.replace('[distros.azl]\ndefault-version = "1"', '[distros.azl]\ndefault-version = "1"\ndist-git-base-uri = "https://git/$pkg"\nrepos = [{ base-uri = "https://a" }, { base-uri = "https://b" }]').replace(/\[distros\.azl\]\n$/, ''),
    });
    const azl = resolveProject(p).distros['azl'];
    expect(azl?.value.repos).toEqual([{ 'base-uri': 'https://later' }]);
    expect(azl?.value.description).toBe('later');
    expect(azl?.value['dist-git-base-uri']).toBe('https://git/$pkg');
    expect(azl?.provenance['repos[0]']?.file).toBe('comps/x/more.comp.toml');
  });

  it('replaces resources whole, even the built-in templates', () => {
    const p = project({ 'comps/x/r.comp.toml': '[resources.rpm-repo-set-templates.azl-standard]\nsubrepos = [{ name = "only", kind = "binary", subpath = "x" }]\n' });
    const resolved = resolveProject(p);
    expect(resolved.repoSetTemplates['azl-standard']?.value).toEqual({ subrepos: [{ name: 'only', kind: 'binary', subpath: 'x' }] });
    expect(resolved.repoSetTemplates['koji-dist-repo']?.loc.file).toBe('<azldev defaults>/defaults.toml');
  });

  it('rebases relative paths on the defining file', () => {
    const p = project({
      'comps/x/x.comp.toml': '[components.x]\nspec = { type = "local", path = "../specs/x.spec" }\n[images.i]\ndefinition = { type = "kiwi", path = "./i/i.kiwi" }\n[distros.azl.versions.1]\nmock-config = "mock/azl.cfg"\n',
    });
    const resolved = resolveProject(p);
    expect(resolved.components['x']?.config.spec?.path).toBe('comps/specs/x.spec');
    expect(resolved.images['i']?.value.definition?.path).toBe('comps/x/i/i.kiwi');
    expect(resolved.distros['azl']?.value.versions?.['1']?.['mock-config']).toBe('comps/x/mock/azl.cfg');
  });

  it('loads includes depth-first and expands * ? [..] ** globs, ignoring globs that match nothing', () => {
    const files = new Map(
      Object.entries({
        'azldev.toml': 'includes = ["a/*.toml", "b/**/*.toml", "c?.toml", "[d]x.toml", "none/*.toml"]\n',
        'a/2.toml': 'includes = ["../b/deep/z.toml"]\n',
        'a/1.toml': '',
        'b/deep/z.toml': '',
        'b/y.toml': '',
        'c1.toml': '',
        'dx.toml': '',
      }),
    );
    const result = loadProject(files);
    expect(result.project.loadedFiles.slice(1)).toEqual(['azldev.toml', 'a/1.toml', 'a/2.toml', 'b/deep/z.toml', 'b/y.toml', 'c1.toml', 'dx.toml']);
    // b/deep/z.toml was already loaded through a/2.toml, so the ** pattern reaching it again is circular.
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.file, d.line])).toEqual([['config/circular-include', 'azldev.toml', 1]]);
  });
});
