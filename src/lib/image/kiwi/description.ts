/** Reads a KIWI image description (and the fragments it `<include>`s) into the parts that decide the package set. */
import type { Diagnostic } from '../../diagnostics.ts';
import { resolveFromFile } from '../../files/paths.ts';
import type { TextFiles } from '../../files/text.ts';
import type { SourceRef } from '../request.ts';
import { childrenNamed, listAttr, parseXml, type XmlElement } from './xml.ts';

/** A named item of a `<packages>` section, limited to some architectures when `arch` is set. */
export interface KiwiItem {
  name: string;
  /** Architectures it applies to; empty = all. */
  arch: string[];
  origin: SourceRef;
}

/** One `<packages>` section. */
export interface KiwiPackagesSection {
  /** `image`, `bootstrap`, `uninstall`, `delete`, or an image type such as `oem`. */
  type: string;
  /** Profiles it belongs to; empty = every build. */
  profiles: string[];
  /** `onlyRequired`, `plusRecommended`, …; null when the attribute is absent. */
  patternType: string | null;
  packages: KiwiItem[];
  /** `<namedCollection>`: comps group ids. */
  collections: KiwiItem[];
  /** `<ignore>`: names or globs kept out of the image. */
  ignores: KiwiItem[];
  /** `<collectionModule>`: module streams, which Fedora 43 no longer has. */
  modules: KiwiItem[];
  origin: SourceRef;
}

/** One `<profile>` with the profiles it `<requires>`. */
export interface KiwiProfile {
  name: string;
  description: string;
  /** `import="true"`: used when no profile is chosen. */
  imported: boolean;
  requires: string[];
  origin: SourceRef;
}

/** One `<repository>` with its `<source path>`. */
export interface KiwiRepository {
  alias: string | null;
  type: string;
  path: string;
  profiles: string[];
  arch: string[];
  priority: number | null;
  origin: SourceRef;
}

/** One `<preferences>` block: simple child values plus the `<type>` elements. */
export interface KiwiPreferences {
  profiles: string[];
  arch: string[];
  /** Simple children such as `packagemanager`, `locale`, `timezone`, `release-version`. */
  values: Record<string, string>;
  /** `<type image=…>` elements with their attributes. */
  types: Record<string, string>[];
  origin: SourceRef;
}

/** The package-relevant content of a KIWI description. */
export interface KiwiDescription {
  name: string | null;
  /** Files read: the description first, then included fragments. */
  files: string[];
  profiles: KiwiProfile[];
  packages: KiwiPackagesSection[];
  repositories: KiwiRepository[];
  preferences: KiwiPreferences[];
}

/** The description plus every problem found, each located by file:line:col. */
export interface KiwiParseResult {
  description: KiwiDescription | null;
  diagnostics: Diagnostic[];
}

const at = (el: XmlElement): SourceRef => ({ file: el.file, line: el.line });

function items(section: XmlElement, name: string, diagnostics: Diagnostic[]): KiwiItem[] {
  const out: KiwiItem[] = [];
  for (const el of childrenNamed(section, name)) {
    const n = el.attrs['name'];
    if (!n) {
      diagnostics.push({ file: el.file, line: el.line, col: el.col, severity: 'error', code: 'kiwi/missing-attribute', message: `<${name}> has no name attribute` });
      continue;
    }
    out.push({ name: n, arch: listAttr(el, 'arch'), origin: at(el) });
  }
  return out;
}

// `this://` is KIWI's "relative to the image description directory".
function includeTarget(from: string, mainFile: string): string | null {
  if (from.startsWith('this://')) return resolveFromFile(mainFile, from.slice('this://'.length));
  if (/^[a-z]+:\/\//.test(from)) return null;
  return resolveFromFile(mainFile, from);
}

/** Replaces `<include from=…>` elements by the children of the included fragment's root, recursively. */
function expandIncludes(root: XmlElement, files: TextFiles, mainFile: string, seen: string[], read: string[], diagnostics: Diagnostic[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of root.children) {
    if (child.name !== 'include') {
      out.push(child);
      continue;
    }
    const from = child.attrs['from'] ?? '';
    const target = includeTarget(from, mainFile);
    const report = (code: string, message: string, hint?: string): void => {
      const d: Diagnostic = { file: child.file, line: child.line, col: child.col, severity: 'error', code, message };
      if (hint) d.hint = hint;
      diagnostics.push(d);
    };
    if (target === null) {
      report('kiwi/include-remote', `<include from="${from}"> is not a project file`, 'Use this://./path for fragments in the project.');
      continue;
    }
    if (seen.includes(target)) {
      report('kiwi/include-cycle', `<include> of ${target} loops back (${[...seen, target].join(' → ')})`);
      continue;
    }
    const text = files.get(target);
    if (text === undefined) {
      report('kiwi/include-missing', `included fragment ${target} is not in the project`, 'Add the fragment or fix the from path.');
      continue;
    }
    if (!read.includes(target)) read.push(target);
    const fragment = parseXml(text, target, diagnostics);
    if (!fragment) continue;
    out.push(...expandIncludes(fragment, files, mainFile, [...seen, target], read, diagnostics));
  }
  return out;
}

function readProfiles(el: XmlElement): KiwiProfile[] {
  return childrenNamed(el, 'profile').map((p) => ({
    name: p.attrs['name'] ?? '',
    description: p.attrs['description'] ?? '',
    imported: p.attrs['import'] === 'true',
    requires: childrenNamed(p, 'requires').map((r) => r.attrs['profile'] ?? '').filter((r) => r !== ''),
    origin: at(p),
  }));
}

function readPackages(el: XmlElement, diagnostics: Diagnostic[]): KiwiPackagesSection {
  return {
    type: el.attrs['type'] ?? 'image',
    profiles: listAttr(el, 'profiles'),
    patternType: el.attrs['patternType'] ?? null,
    packages: items(el, 'package', diagnostics),
    collections: items(el, 'namedCollection', diagnostics),
    ignores: items(el, 'ignore', diagnostics),
    modules: items(el, 'collectionModule', diagnostics),
    origin: at(el),
  };
}

function readRepository(el: XmlElement, diagnostics: Diagnostic[]): KiwiRepository | null {
  const source = childrenNamed(el, 'source')[0];
  const path = source?.attrs['path'];
  if (!path) {
    diagnostics.push({ file: el.file, line: el.line, col: el.col, severity: 'error', code: 'kiwi/missing-source', message: '<repository> has no <source path=…>' });
    return null;
  }
  const priority = el.attrs['priority'];
  return {
    alias: el.attrs['alias'] ?? null,
    type: el.attrs['type'] ?? 'rpm-md',
    path,
    profiles: listAttr(el, 'profiles'),
    arch: listAttr(el, 'arch'),
    priority: priority !== undefined && /^-?\d+$/.test(priority) ? Number(priority) : null,
    origin: at(el),
  };
}

function readPreferences(el: XmlElement): KiwiPreferences {
  const values: Record<string, string> = {};
  const types: Record<string, string>[] = [];
  for (const c of el.children) {
    if (c.name === 'type') types.push({ ...c.attrs });
    else if (c.children.length === 0) values[c.name] = c.text;
  }
  return { profiles: listAttr(el, 'profiles'), arch: listAttr(el, 'arch'), values, types, origin: at(el) };
}

/** Parses the KIWI description `entry` from the project files, expanding `<include from="this://…">` fragments. */
export function parseKiwi(files: TextFiles, entry: string): KiwiParseResult {
  const diagnostics: Diagnostic[] = [];
  const text = files.get(entry);
  if (text === undefined) {
    diagnostics.push({ file: entry, line: 0, col: 0, severity: 'error', code: 'kiwi/file-missing', message: `KIWI description ${entry} is not in the project` });
    return { description: null, diagnostics };
  }
  const root = parseXml(text, entry, diagnostics);
  if (!root) return { description: null, diagnostics };
  if (root.name !== 'image') {
    diagnostics.push({ file: entry, line: root.line, col: root.col, severity: 'error', code: 'kiwi/not-an-image', message: `root element is <${root.name}>, expected <image>` });
    return { description: null, diagnostics };
  }
  const read = [entry];
  const children = expandIncludes(root, files, entry, [entry], read, diagnostics);
  const desc: KiwiDescription = { name: root.attrs['name'] ?? null, files: read, profiles: [], packages: [], repositories: [], preferences: [] };
  for (const el of children) {
    if (el.name === 'profiles') desc.profiles.push(...readProfiles(el));
    else if (el.name === 'packages') desc.packages.push(readPackages(el, diagnostics));
    else if (el.name === 'preferences') desc.preferences.push(readPreferences(el));
    else if (el.name === 'repository') {
      const repo = readRepository(el, diagnostics);
      if (repo) desc.repositories.push(repo);
    }
  }
  const names = new Set<string>();
  for (const p of desc.profiles) {
    if (names.has(p.name)) diagnostics.push({ file: p.origin.file, line: p.origin.line, col: 0, severity: 'error', code: 'kiwi/duplicate-profile', message: `profile ${p.name} is defined twice` });
    names.add(p.name);
  }
  return { description: desc, diagnostics };
}
