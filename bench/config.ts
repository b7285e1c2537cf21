/** Bench of the azldev project model at the real tree's scale: 7,583 components loaded and resolved. */
import { loadProject, resolveComponent } from '../src/lib/config/index.ts';

const COMPONENTS = 7583;
const CUSTOMISED = 201;
const CHECK_SKIP_GROUP = 182;

const DISTRO = `[distros.azurelinux]
default-version = "4.0-stage2"

[distros.azurelinux.versions.'4.0-stage2']
release-ver = "4.0"
mock-config-x86_64 = "mock/azurelinux-4.0-x86_64.cfg"

[distros.azurelinux.versions.'4.0-stage2'.default-component-config]
spec = { type = "upstream", upstream-distro = { name = "fedora", version = "43", snapshot = "2026-02-24T00:00:00-08:00" } }

[distros.fedora]
default-version = "43"
dist-git-base-uri = "https://src.fedoraproject.org/rpms/$pkg.git"

[distros.fedora.versions.43]
release-ver = "43"
dist-git-branch = "f43"
`;

// A customised component shaped like §5 of azl-format.md: a few overlays, some build options, pins.
function customisedComponent(name: string, i: number): string {
  const lines = [`[components.${name}]`];
  if (i % 4 === 0) lines.push('release = { calculation = "manual" }');
  if (i % 7 === 0) lines.push(`spec = { type = "upstream", upstream-commit = "${(i * 2654435761).toString(16).padStart(8, '0').slice(0, 8)}abcdef" }`);
  if (i % 6 === 0) lines.push(`\n[components.${name}.build]\nwithout = ["docs"]\ndefines = { azl = "1" }`);
  for (let k = 0; k < 1 + (i % 3); k++) {
    lines.push(
      `\n[[components.${name}.overlays]]\ndescription = "Overlay ${k} of ${name}"\ntype = "spec-search-replace"\nsection = "%build"\nregex = '%global ${name.replace('-', '_')}_${k} 1'\nreplacement = '%global ${name.replace('-', '_')}_${k} 0'`,
    );
  }
  return lines.join('\n');
}

/** The generated project: 7,382 bare components, 201 customised ones and a 182-member check-skip group. */
export function generateProject(): Map<string, string> {
  const names = Array.from({ length: COMPONENTS }, (_, i) => `pkg-${String(i).padStart(5, '0')}`);
  const parts = ['includes = ["groups.toml"]\n'];
  names.forEach((name, i) => parts.push(i % Math.floor(COMPONENTS / CUSTOMISED) === 0 && i / Math.floor(COMPONENTS / CUSTOMISED) < CUSTOMISED ? `${customisedComponent(name, i)}\n` : `[components.${name}]`));
  const members = names.filter((_, i) => i % 41 === 1).slice(0, CHECK_SKIP_GROUP);
  const groups = `[component-groups.check-skip]\ncomponents = [\n${members.map((m) => `    "${m}",`).join('\n')}\n]\n\n[component-groups.check-skip.default-component-config.build]\ncheck = { skip = true, skip_reason = "bench" }\n`;
  return new Map([
    ['azldev.toml', 'includes = ["distro/*.distro.toml", "base/project.toml"]\n'],
    ['distro/azurelinux.distro.toml', DISTRO],
    ['base/project.toml', 'includes = ["comps/components.toml"]\n[project]\ndefault-distro = { name = "azurelinux" }\nrendered-specs-dir = "../specs"\n'],
    ['base/comps/components.toml', parts.join('\n')],
    ['base/comps/groups.toml', groups],
  ]);
}

/** Loads and resolves the generated project, returning the timings `npm run bench` prints. */
export async function benchConfig(): Promise<{ label: string; ms: number; note?: string }[]> {
  const files = generateProject();
  const bytes = files.get('base/comps/components.toml')?.length ?? 0;
  const t0 = performance.now();
  const { project, diagnostics } = loadProject(files);
  const t1 = performance.now();
  let overlays = 0;
  for (const name of project.components.keys()) overlays += resolveComponent(project, name)?.overlays.length ?? 0;
  const t2 = performance.now();
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors > 0 || project.components.size !== COMPONENTS) {
    throw new Error(`bench project did not load cleanly: ${errors} errors, ${project.components.size} components`);
  }
  const note = `${COMPONENTS} components, ${(bytes / 1024).toFixed(0)} KB components.toml, ${overlays} overlays`;
  return [
    { label: 'config: load + validate 7,583 components', ms: t1 - t0, note },
    { label: 'config: resolve every component', ms: t2 - t1 },
    { label: 'config: load + resolve total (budget 1000 ms)', ms: t2 - t0 },
  ];
}
