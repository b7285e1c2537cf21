/** A KIWI `<packages>` fragment listing the resolved set, to paste into an image description. */
import type { Manifest } from './manifest.ts';

/** Options of the KIWI fragment export. */
export interface KiwiExportOptions {
  /** `names` (default) or exact `nevra` specs. */
  packages?: 'names' | 'nevra';
  /** Value of the `profiles` attribute; omitted when unset. */
  profiles?: string[];
  /** Section type; default `image`. */
  type?: 'image' | 'bootstrap';
}

const escapeAttr = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Writes `<packages type=… patternType=…>` with one `<package>` per resolved package and one `<ignore>` per exclude. */
export function exportKiwiPackages(manifest: Manifest, opts: KiwiExportOptions = {}): string {
  const archs = new Map<string, Set<string>>();
  for (const p of manifest.packages) archs.set(p.name, (archs.get(p.name) ?? new Set()).add(p.arch));
  const names =
    opts.packages === 'nevra'
      ? manifest.packages.map((p) => p.nevra)
      : // KIWI's arch attribute filters by build architecture, so a multilib pair is told apart as name.arch.
        manifest.packages.map((p) => ((archs.get(p.name)?.size ?? 0) > 1 ? `${p.name}.${p.arch}` : p.name));
  const attrs = [`type="${opts.type ?? 'image'}"`, `patternType="${manifest.inputs.weakDeps ? 'plusRecommended' : 'onlyRequired'}"`];
  if (opts.profiles && opts.profiles.length > 0) attrs.push(`profiles="${escapeAttr(opts.profiles.join(','))}"`);
  const lines = [`<!-- ${manifest.packages.length} packages resolved for ${escapeAttr(manifest.inputs.image).replace(/--/g, '- -')} (${manifest.inputs.arch}) -->`, `<packages ${attrs.join(' ')}>`];
  for (const n of [...new Set(names)].sort()) lines.push(`    <package name="${escapeAttr(n)}"/>`);
  for (const e of manifest.inputs.excludes) lines.push(`    <ignore name="${escapeAttr(e)}"/>`);
  lines.push('</packages>', '');
  return lines.join('\n');
}
