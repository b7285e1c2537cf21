/** Turns a parsed kickstart into the common image request, adding what Anaconda installs on its own as a separate layer. */
import { emptyRequest, isExcluded, type GroupEntry, type ImagePackageRequest, type SpecEntry } from '../request.ts';
import { kickstartLocales, kickstartNtpEnabled, kickstartRepos } from './commands.ts';
import type { KickstartDocument } from './parser.ts';

/** Knobs for the kickstart → request mapping. */
export interface KickstartRequestOptions {
  /** Target architecture; kickstart does not say. Default `x86_64`. */
  arch?: string;
  /**
   * Names of the `langpacks-*` packages the loaded repositories offer, so the langpack for
   * `lang` is chosen as Anaconda does (best match). Without it the language part is used (`en_US` → `langpacks-en`).
   */
  availableLangpacks?: ReadonlySet<string>;
}

function langpackFor(locale: string, available: ReadonlySet<string> | undefined): string | null {
  // en_US.UTF-8@euro → language en, territory US
  const base = locale.replace(/[.@].*$/, '');
  const [language] = base.split('_');
  if (!language) return null;
  if (!available) return `langpacks-${language}`;
  for (const candidate of [`langpacks-${base}`, `langpacks-${language}`]) if (available.has(candidate)) return candidate;
  return null;
}

/** Anaconda's implicit requirements for this kickstart (pyanaconda payload/dnf requirements), minus what the user excluded or already asked for. */
export function installerImplied(doc: KickstartDocument, request: ImagePackageRequest, opts: KickstartRequestOptions): { specs: SpecEntry[]; groups: GroupEntry[] } {
  const at = { file: doc.entry, line: 0 };
  const pkgs = doc.packages;
  const userSpecs = new Set(pkgs.packages.map((p) => p.spec));
  const specs: SpecEntry[] = [];
  const groups: GroupEntry[] = [];
  const excludedGroups = new Set(pkgs.excludedGroups.map((g) => g.id));
  if (!pkgs.nocore && !excludedGroups.has('core') && !pkgs.groups.some((g) => g.id === 'core')) {
    groups.push({ id: 'core', kind: 'group', withOptional: false, noDefaults: false, origin: at, note: 'Anaconda always selects @core unless %packages --nocore' });
  }
  const addSpec = (spec: string, note: string): void => {
    if (userSpecs.has(spec) || specs.some((s) => s.spec === spec) || isExcluded(request, spec)) return;
    specs.push({ spec, origin: at, note });
  };
  // Anaconda checks the exclude list for the literal name "kernel", not for globs.
  if (!pkgs.excludes.some((e) => e.pattern === 'kernel')) addSpec('kernel', 'Anaconda installs a kernel unless %packages has -kernel');
  for (const locale of kickstartLocales(doc)) {
    const langpack = langpackFor(locale, opts.availableLangpacks);
    if (langpack) addSpec(langpack, `Anaconda installs the langpack for ${locale}`);
  }
  if (kickstartNtpEnabled(doc)) addSpec('chrony', 'Anaconda installs chrony for NTP unless timesource --ntp-disable or timezone --nontp');
  return { specs, groups };
}

/** Maps a kickstart document to an image request: layers `installer-implied` (anaconda), `group` and `user` (%packages). */
export function kickstartToRequest(doc: KickstartDocument, opts: KickstartRequestOptions = {}): ImagePackageRequest {
  const pkgs = doc.packages;
  const request = emptyRequest('kickstart', opts.arch ?? 'x86_64');
  request.excludes = pkgs.excludes.map((e) => ({ ...e }));
  request.excludedGroups = [...new Set(pkgs.excludedGroups.map((g) => g.id))];
  request.weakDeps = !pkgs.excludeWeakdeps;
  request.multilib = pkgs.multilib;
  request.installLangs = pkgs.instLangs;
  request.excludeDocs = pkgs.excludeDocs;
  request.ignoreMissing = pkgs.ignoreMissing;
  request.repos = kickstartRepos(doc);
  const implied = installerImplied(doc, request, opts);
  if (implied.specs.length > 0 || implied.groups.length > 0) request.layers.push({ kind: 'installer-implied', label: 'anaconda', ...implied });
  const selected: GroupEntry[] = [...(pkgs.environment ? [pkgs.environment] : []), ...pkgs.groups];
  if (selected.length > 0) request.layers.push({ kind: 'group', label: '%packages', specs: [], groups: selected.map((g) => ({ ...g })) });
  if (pkgs.packages.length > 0) request.layers.push({ kind: 'user', label: '%packages', specs: pkgs.packages.map((p) => ({ ...p })), groups: [] });
  return request;
}
