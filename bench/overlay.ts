/** Overlay engine bench: the real tree's size (233 overlays over 97 components) rendered in Node. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'smol-toml';
import { readTree } from '../test/unit/overlay/helpers.ts';
import { renderComponent, type ComponentOverlayConfig, type RenderRequest, type VirtualFiles } from '../src/lib/overlay/index.ts';

const TARGET_OVERLAYS = 233;
const TARGET_COMPONENTS = 97;
const FIXTURE_SPECS = fileURLToPath(new URL('../test/unit/overlay/fixtures/azl/', import.meta.url));
const AZL_COMPS = fileURLToPath(new URL('../../shared/fixtures/azurelinux/azurelinux@afd2c0a1/base/comps/', import.meta.url));

/** A fixture subfolder as virtual files, or none when the component has no such folder. */
function readTreeIfPresent(dir: string, prefix: string): VirtualFiles {
  return existsSync(dir) ? readTree(dir, prefix) : {};
}

// The real tree has 97 different specs; the templates repeat, so each copy gets its own trailing
// blanks (which rpm and azldev ignore) and no line text is shared between components, keeping
// caches keyed by line text from seeing more reuse than a real tree gives them.
function distinctSpec(spec: string, copy: number): string {
  return spec
    .split('\n')
    .map((line) => (line === '' ? line : `${line}${' '.repeat(copy)}`))
    .join('\n');
}

// The fixture components (real azurelinux overlays on specs written for the tests), reused under
// new names and cut to prefixes of their overlay lists until the totals match the real tree.
function workload(): RenderRequest[] {
  const templates = readdirSync(FIXTURE_SPECS)
    .filter((name) => existsSync(join(AZL_COMPS, name, `${name}.comp.toml`)))
    .sort()
    .map((name) => {
      const doc = parse(readFileSync(join(AZL_COMPS, name, `${name}.comp.toml`), 'utf8')) as unknown as { components: Record<string, ComponentOverlayConfig> };
      const dir = join(FIXTURE_SPECS, name);
      return {
        name,
        config: doc.components[name] as ComponentOverlayConfig,
        spec: readFileSync(join(dir, `${name}.spec`), 'utf8'),
        sources: readTreeIfPresent(join(dir, 'sources'), ''),
        projectFiles: readTreeIfPresent(join(dir, 'project'), `base/comps/${name}/`),
      };
    });
  const counts = Array.from({ length: TARGET_COMPONENTS }, () => 0);
  let total = 0;
  // Round-robin one overlay at a time so every component gets a share, as in the real tree.
  while (total < TARGET_OVERLAYS) {
    let grew = false;
    for (let i = 0; i < TARGET_COMPONENTS && total < TARGET_OVERLAYS; i += 1) {
      const template = templates[i % templates.length];
      if (!template || (counts[i] as number) >= (template.config.overlays?.length ?? 0)) continue;
      counts[i] = (counts[i] as number) + 1;
      total += 1;
      grew = true;
    }
    if (!grew) break;
  }
  return counts.map((count, i) => {
    const t = templates[i % templates.length] as (typeof templates)[number];
    const name = `${t.name}-${i}`;
    return {
      component: { ...t.config, name, overlays: (t.config.overlays ?? []).slice(0, count) },
      sources: { ...t.sources, [`${name}.spec`]: distinctSpec(t.spec, i + 1) },
      projectFiles: t.projectFiles,
      componentDir: `base/comps/${t.name}`,
    };
  });
}

async function renderAll(requests: readonly RenderRequest[]): Promise<{ ms: number; overlays: number; failed: number }> {
  const start = performance.now();
  let overlays = 0;
  let failed = 0;
  for (const request of requests) {
    const result = await renderComponent(request);
    overlays += result.overlays.filter((o) => o.origin.kind === 'inline').length;
    failed += result.overlays.filter((o) => o.status === 'error').length;
  }
  return { ms: performance.now() - start, overlays, failed };
}

/** Renders the workload once cold and five times warm; the target is under 200 ms. */
export async function benchOverlay(): Promise<{ label: string; ms: number; note?: string }[]> {
  const requests = workload();
  const cold = await renderAll(requests);
  const warm: number[] = [];
  for (let i = 0; i < 5; i += 1) warm.push((await renderAll(requests)).ms);
  warm.sort((a, b) => a - b);
  const note = `${cold.overlays} overlays over ${requests.length} distinct specs (+ synthetic macros/check/header steps), ${cold.failed} failed; target < 200 ms`;
  return [
    { label: 'overlay: render 97 components, cold', ms: Math.round(cold.ms * 10) / 10, note },
    { label: 'overlay: render 97 components, warm median of 5', ms: Math.round((warm[2] as number) * 10) / 10, note },
  ];
}
