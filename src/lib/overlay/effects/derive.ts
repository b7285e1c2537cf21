import { collectConditionalPairs, conditionsAt, type ConditionalPair } from '../spec/conditionals.ts';
import { firstWord, isWhitespace } from '../spec/chars.ts';
import { parseSpec, type ParsedSpec, type SpecSection } from '../spec/model.ts';
import { expandMacros, specMacros, type MacroTable } from './macros.ts';
import {
  DEPENDENCY_KINDS,
  type DependencyKind,
  type ExpansionOptions,
  type PackageChangeSet,
  type SpecDependency,
  type ValueChange,
} from './types.ts';

/** What one spec says about one binary package. */
interface PackageFacts {
  name: string;
  epoch: string | null;
  version: string | null;
  release: string | null;
  deps: SpecDependency[];
}

/** One package's tags, gathered in one pass: the first value per lower-cased tag name, and its dependency tags. */
interface PackageTags {
  fullName: boolean;
  first: Map<string, string>;
  dependencies: { line: number; value: string; kind: DependencyKind; qualifier: string }[];
}

const DEPENDENCY_TAG = new RegExp(`^(${DEPENDENCY_KINDS.join('|')})(?:\\(([^)]*)\\))?$`, 'i');
const OPERATOR = /^(?:<|>|<=|>=|=|==)$/;

/** Splits a dependency tag value into single dependencies: `a >= 1, b` → [`a >= 1`, `b`]; rich deps stay whole. */
export function splitDependencies(value: string): string[] {
  const tokens: string[] = [];
  let start = -1;
  let depth = 0;
  for (let i = 0; i < value.length; i += 1) {
    const code = value.charCodeAt(i);
    if (code === 40) depth += 1;
    else if (code === 41) depth = Math.max(0, depth - 1);
    if (depth === 0 && (code === 44 || isWhitespace(code))) {
      if (start >= 0) tokens.push(value.slice(start, i));
      start = -1;
    } else if (start < 0) {
      start = i;
    }
  }
  if (start >= 0) tokens.push(value.slice(start));
  const deps: string[] = [];
  for (let i = 0; i < tokens.length; i += 1) {
    const token = tokens[i] as string;
    if (OPERATOR.test(token) && deps.length > 0 && i + 1 < tokens.length) {
      deps[deps.length - 1] += ` ${token} ${tokens[i + 1] as string}`;
      i += 1;
      continue;
    }
    deps.push(token);
  }
  return deps;
}

function canonicalKind(tag: string): { kind: DependencyKind; qualifier: string } | null {
  const match = DEPENDENCY_TAG.exec(tag);
  if (!match) return null;
  const kind = DEPENDENCY_KINDS.find((k) => k.toLowerCase() === (match[1] as string).toLowerCase()) as DependencyKind;
  return { kind, qualifier: match[2] ?? '' };
}

function baseMacros(options: ExpansionOptions): MacroTable {
  const macros: MacroTable = new Map([['dist', options.dist ?? '.azl4']]);
  for (const flag of options.build?.with ?? []) macros.set(`_with_${flag}`, '1');
  for (const flag of options.build?.without ?? []) macros.set(`_without_${flag}`, '1');
  for (const [name, value] of Object.entries(options.build?.defines ?? {})) macros.set(name, value);
  for (const name of options.build?.undefines ?? []) macros.delete(name);
  return macros;
}

function safePairs(lines: readonly string[]): ConditionalPair[] {
  try {
    return collectConditionalPairs(lines);
  } catch {
    return [];
  }
}

/** Per line, whether it sits inside a `%if` block. */
function conditionalMask(length: number, pairs: readonly ConditionalPair[]): Int32Array {
  const depth = new Int32Array(length + 1);
  for (const pair of pairs) {
    depth[pair.ifLine + 1] = (depth[pair.ifLine + 1] as number) + 1;
    depth[pair.endifLine] = (depth[pair.endifLine] as number) - 1;
  }
  for (let i = 1; i < depth.length; i += 1) depth[i] = (depth[i] as number) + (depth[i - 1] as number);
  return depth;
}

/** Groups the preamble's and each named `%package`'s tags by package, in section order. */
function gatherPackageTags(spec: ParsedSpec): Map<string, PackageTags> {
  const main: PackageTags = { fullName: false, first: new Map(), dependencies: [] };
  const groups = new Map<string, PackageTags>([['', main]]);
  const groupOfSection = spec.sections.map((section: SpecSection, index): PackageTags | undefined => {
    if (index === 0) return main;
    if (section.kind !== 'package' || section.header < 0 || section.package === '') return undefined;
    const group = groups.get(section.package) ?? { fullName: false, first: new Map(), dependencies: [] };
    group.fullName = section.fullName;
    groups.set(section.package, group);
    return group;
  });
  for (const tag of spec.tags) {
    const group = groupOfSection[tag.section];
    if (!group) continue;
    const lower = tag.tag.toLowerCase();
    if (!group.first.has(lower)) group.first.set(lower, tag.value);
    const kind = canonicalKind(tag.tag);
    if (kind) group.dependencies.push({ line: tag.line, value: tag.value, kind: kind.kind, qualifier: kind.qualifier });
  }
  return groups;
}

function expandedTag(tags: PackageTags, main: PackageTags, tag: string, macros: MacroTable): string | null {
  const value = tags.first.get(tag) ?? main.first.get(tag);
  return value === undefined ? null : expandMacros(value, macros);
}

/** Every binary package a spec declares, keyed by how its sections name it, with expanded NEVR and dependencies. */
export function describePackages(lines: string[], options: ExpansionOptions): Map<string, PackageFacts> {
  const spec = parseSpec(lines);
  const pairs = safePairs(lines);
  const macros = baseMacros(options);
  const depth = conditionalMask(lines.length, pairs);
  specMacros(lines, (i) => (depth[i] as number) > 0, macros);
  const groups = gatherPackageTags(spec);
  const main = groups.get('') as PackageTags;
  for (const tag of ['name', 'version', 'release', 'epoch']) {
    const value = main.first.get(tag);
    if (value !== undefined && !macros.has(tag)) macros.set(tag, value);
  }
  const mainName = expandedTag(main, main, 'name', macros) ?? '';
  const packages = new Map<string, PackageFacts>();
  for (const [pkg, tags] of groups) {
    const expandedPkg = expandMacros(pkg, macros);
    const name = pkg === '' ? mainName : tags.fullName ? expandedPkg : `${mainName}-${expandedPkg}`;
    const deps: SpecDependency[] = [];
    for (const tag of tags.dependencies) {
      const conditions = conditionsAt(lines, pairs, tag.line);
      for (const raw of splitDependencies(tag.value)) {
        const expanded = expandMacros(raw, macros);
        deps.push({ kind: tag.kind, qualifier: tag.qualifier, raw, expanded, name: firstWord(expanded), conditions });
      }
    }
    packages.set(pkg, {
      name,
      epoch: expandedTag(tags, main, 'epoch', macros),
      version: expandedTag(tags, main, 'version', macros),
      release: expandedTag(tags, main, 'release', macros),
      deps,
    });
  }
  return packages;
}

function depKey(dep: SpecDependency): string {
  return [dep.kind, dep.qualifier, dep.expanded, ...dep.conditions].join('\u0000');
}

function multisetDifference(a: readonly SpecDependency[], b: readonly SpecDependency[]): SpecDependency[] {
  const counts = new Map<string, number>();
  for (const dep of b) counts.set(depKey(dep), (counts.get(depKey(dep)) ?? 0) + 1);
  const out: SpecDependency[] = [];
  for (const dep of a) {
    const key = depKey(dep);
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else out.push(dep);
  }
  return out;
}

function change(before: string | null, after: string | null): ValueChange | undefined {
  return before === after ? undefined : { before, after };
}

/** Per binary package, what the overlaid spec changes relative to the original: NEVR and dependency tags. */
export function derivePackageChanges(before: string[], after: string[], options: ExpansionOptions = {}): PackageChangeSet[] {
  const old = describePackages(before, options);
  const now = describePackages(after, options);
  const keys = [...new Set([...old.keys(), ...now.keys()])];
  return keys.map((pkg) => {
    const a = old.get(pkg);
    const b = now.get(pkg);
    const added = multisetDifference(b?.deps ?? [], a?.deps ?? []);
    const removed = multisetDifference(a?.deps ?? [], b?.deps ?? []);
    const set: PackageChangeSet = { specPackage: pkg, name: { before: a?.name ?? null, after: b?.name ?? null }, status: 'unchanged', added, removed };
    const epoch = change(a?.epoch ?? null, b?.epoch ?? null);
    const version = change(a?.version ?? null, b?.version ?? null);
    const release = change(a?.release ?? null, b?.release ?? null);
    if (a && b) {
      if (epoch) set.epoch = epoch;
      if (version) set.version = version;
      if (release) set.release = release;
    }
    if (!a) set.status = 'added';
    else if (!b) set.status = 'removed';
    else if (epoch || version || release || added.length > 0 || removed.length > 0 || a.name !== b.name) set.status = 'modified';
    return set;
  });
}
