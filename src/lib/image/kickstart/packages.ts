/** The `%packages` section: header options and body lines with pykickstart's merge rules. */
import type { Diagnostic } from '../../diagnostics.ts';
import type { ExcludeEntry, GroupEntry, SourceRef, SpecEntry } from '../request.ts';
import type { Token } from './lexer.ts';
import { PACKAGES_OPTIONS, parseOptions } from './options.ts';

/** What all `%packages` sections of a kickstart add up to. */
export interface KickstartPackages {
  /** At least one `%packages` section was read. */
  seen: boolean;
  excludeDocs: boolean;
  ignoreMissing: boolean;
  /** `--default`: install the default environment. */
  installDefault: boolean;
  nocore: boolean;
  multilib: boolean;
  excludeWeakdeps: boolean;
  ignoreBroken: boolean;
  instLangs: string | null;
  timeout: number | null;
  retries: number | null;
  /** The last `@^environment` line, or null after `-@^…`. */
  environment: GroupEntry | null;
  /** Groups in first-seen order; a repeated group keeps its first switches. */
  groups: GroupEntry[];
  /** `-@group` lines, kept for the installer even when they cancel an earlier `@group`. */
  excludedGroups: { id: string; origin: SourceRef }[];
  /** Included names and globs (a later `-name` line removes them). */
  packages: SpecEntry[];
  /** Excluded names and globs (a later `name` line removes them). */
  excludes: ExcludeEntry[];
}

/** An empty packages state: what pykickstart reports when there is no `%packages` section. */
export function emptyPackages(): KickstartPackages {
  return {
    seen: false,
    excludeDocs: false,
    ignoreMissing: false,
    installDefault: false,
    nocore: false,
    multilib: false,
    excludeWeakdeps: false,
    ignoreBroken: false,
    instLangs: null,
    timeout: null,
    retries: null,
    environment: null,
    groups: [],
    excludedGroups: [],
    packages: [],
    excludes: [],
  };
}

function toInt(v: string | true | undefined): number | null {
  if (typeof v !== 'string') return null;
  const n = Number.parseInt(v, 10);
  return Number.isFinite(n) ? n : null;
}

/**
 * Applies a `%packages` header. Like pykickstart, each header replaces the boolean switches,
 * while `--inst-langs` and `--default` stick once set by any header.
 */
export function applyPackagesHeader(pkgs: KickstartPackages, args: readonly Token[], at: SourceRef, diagnostics: Diagnostic[]): void {
  const parsed = parseOptions(args, PACKAGES_OPTIONS, { file: at.file, line: at.line, what: '%packages', strict: true }, diagnostics);
  const o = parsed.options;
  for (const p of parsed.positionals) {
    diagnostics.push({ file: at.file, line: at.line, col: 0, severity: 'error', code: 'kickstart/unexpected-argument', message: `%packages takes no argument "${p}"` });
  }
  if (o['default'] === true && o['nocore'] === true) {
    diagnostics.push({ file: at.file, line: at.line, col: 0, severity: 'error', code: 'kickstart/conflicting-options', message: '--default and --nocore cannot be used together' });
  }
  pkgs.seen = true;
  pkgs.excludeDocs = o['excludedocs'] === true;
  pkgs.ignoreMissing = o['ignoremissing'] === true;
  if (o['default'] === true) pkgs.installDefault = true;
  if (typeof o['inst-langs'] === 'string') pkgs.instLangs = o['inst-langs'];
  pkgs.multilib = o['multilib'] === true;
  pkgs.nocore = o['nocore'] === true;
  pkgs.timeout = toInt(o['timeout']);
  pkgs.retries = toInt(o['retries']);
  pkgs.excludeWeakdeps = o['exclude-weakdeps'] === true;
  pkgs.ignoreBroken = o['ignorebroken'] === true;
}

function removeByName<T>(list: T[], key: (t: T) => string, name: string): T[] {
  return list.filter((t) => key(t) !== name);
}

function parseGroupLine(body: string, at: SourceRef, col: number, diagnostics: Diagnostic[]): { id: string; withOptional: boolean; noDefaults: boolean } | null {
  const words = body.split(/\s+/).filter((w) => w !== '');
  let withOptional = false;
  let noDefaults = false;
  const name: string[] = [];
  for (const w of words) {
    if (w === '--optional') withOptional = true;
    else if (w === '--nodefaults') noDefaults = true;
    else if (w.startsWith('--')) {
      diagnostics.push({ file: at.file, line: at.line, col, severity: 'error', code: 'kickstart/unknown-option', message: `group lines have no option ${w}`, hint: 'Use --nodefaults or --optional.' });
    } else name.push(w);
  }
  if (withOptional && noDefaults) {
    diagnostics.push({ file: at.file, line: at.line, col, severity: 'error', code: 'kickstart/conflicting-options', message: 'a group cannot use both --nodefaults and --optional' });
    return null;
  }
  // Group names with spaces are display names ("@Fedora Server Edition"); pykickstart joins the words back.
  const id = name.join(' ');
  if (id === '') {
    diagnostics.push({ file: at.file, line: at.line, col, severity: 'error', code: 'kickstart/empty-group', message: 'group line names no group' });
    return null;
  }
  return { id, withOptional, noDefaults };
}

/** Applies one body line of `%packages`; the later line wins between `name` and `-name`, as in pykickstart. */
export function applyPackagesLine(pkgs: KickstartPackages, rawLine: string, at: SourceRef, diagnostics: Diagnostic[]): void {
  const hash = rawLine.indexOf('#');
  const line = (hash < 0 ? rawLine : rawLine.slice(0, hash)).trim();
  if (line === '') return;
  const col = rawLine.indexOf(line) + 1;
  const warn = (code: string, message: string, hint?: string): void => {
    const d: Diagnostic = { file: at.file, line: at.line, col, severity: 'warning', code, message };
    if (hint) d.hint = hint;
    diagnostics.push(d);
  };
  if (line.startsWith('-@^')) {
    pkgs.environment = null;
  } else if (line.startsWith('@^')) {
    const g = parseGroupLine(line.slice(2), at, col, diagnostics);
    if (g) pkgs.environment = { ...g, kind: 'environment', origin: at };
  } else if (line.startsWith('-@')) {
    const id = line.slice(2).trim();
    pkgs.groups = removeByName(pkgs.groups, (g) => g.id, id);
    pkgs.excludedGroups.push({ id, origin: at });
  } else if (line.startsWith('@')) {
    if (/^@[^\s:]+:/.test(line)) {
      warn('kickstart/module-stream', `module stream "${line}" is ignored`, 'Fedora 43 has no modules; Anaconda dropped @module:stream support. Remove the line.');
      return;
    }
    const g = parseGroupLine(line.slice(1), at, col, diagnostics);
    if (g && !pkgs.groups.some((x) => x.id === g.id)) pkgs.groups.push({ ...g, kind: 'group', origin: at });
  } else if (line.startsWith('-')) {
    const name = line.slice(1).trim();
    pkgs.packages = removeByName(pkgs.packages, (p) => p.spec, name);
    if (!pkgs.excludes.some((e) => e.pattern === name)) pkgs.excludes.push({ pattern: name, origin: at });
  } else {
    if (/\s/.test(line)) warn('kickstart/space-in-name', `package name "${line}" contains spaces`, 'Write one package per line.');
    pkgs.excludes = removeByName(pkgs.excludes, (e) => e.pattern, line);
    if (!pkgs.packages.some((p) => p.spec === line)) pkgs.packages.push({ spec: line, origin: at });
  }
}
