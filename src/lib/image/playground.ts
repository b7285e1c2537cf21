/** The `[images.X.playground]` TOML form: a quick package list without writing KIWI or kickstart (a playground extension). */
import type { Diagnostic } from '../diagnostics.ts';
import { emptyRequest, type ImagePackageRequest, type SourceRef } from './request.ts';

/** Where the table sits, and how to find the line of a key when the TOML reader kept positions. */
export interface PlaygroundContext {
  file: string;
  image: string;
  arch?: string;
  /** Line of `[images.<image>.playground].<key>`; omitted → 0 (whole file). */
  locate?: (key: string) => number;
}

const KNOWN_KEYS = ['packages', 'groups', 'exclude', 'weak-deps'];

function stringList(value: unknown, key: string, at: SourceRef, diagnostics: Diagnostic[]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && v.trim() !== '')) return value.map((v: string) => v.trim());
  diagnostics.push({ file: at.file, line: at.line, col: 0, severity: 'error', code: 'playground/type', message: `${key} must be an array of non-empty strings` });
  return [];
}

/** Reads an already-parsed `[images.X.playground]` table into an image request; `groups` may be written with or without `@`. */
export function parsePlaygroundImage(table: unknown, ctx: PlaygroundContext): { request: ImagePackageRequest | null; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const at = (key: string): SourceRef => ({ file: ctx.file, line: ctx.locate?.(key) ?? 0 });
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    diagnostics.push({ file: ctx.file, line: at('').line, col: 0, severity: 'error', code: 'playground/type', message: `images.${ctx.image}.playground must be a table` });
    return { request: null, diagnostics };
  }
  const t = table as Record<string, unknown>;
  for (const key of Object.keys(t)) {
    if (!KNOWN_KEYS.includes(key)) {
      diagnostics.push({ file: ctx.file, line: at(key).line, col: 0, severity: 'warning', code: 'playground/unknown-key', message: `images.${ctx.image}.playground.${key} is not a playground key`, hint: `Known keys: ${KNOWN_KEYS.join(', ')}.` });
    }
  }
  const request = emptyRequest('playground', ctx.arch ?? 'x86_64');
  const groups = stringList(t['groups'], 'groups', at('groups'), diagnostics);
  const packages = stringList(t['packages'], 'packages', at('packages'), diagnostics);
  const excludes = stringList(t['exclude'], 'exclude', at('exclude'), diagnostics);
  if (groups.length > 0) {
    request.layers.push({
      kind: 'group',
      label: 'playground',
      specs: [],
      groups: [...new Set(groups.map((g) => g.replace(/^@/, '')))].map((id) => ({ id, kind: 'group' as const, withOptional: false, noDefaults: false, origin: at('groups') })),
    });
  }
  if (packages.length > 0) request.layers.push({ kind: 'user', label: 'playground', specs: [...new Set(packages)].map((spec) => ({ spec, origin: at('packages') })), groups: [] });
  request.excludes = [...new Set(excludes)].map((pattern) => ({ pattern, origin: at('exclude') }));
  const weak = t['weak-deps'];
  if (weak !== undefined && typeof weak !== 'boolean') {
    diagnostics.push({ file: ctx.file, line: at('weak-deps').line, col: 0, severity: 'error', code: 'playground/type', message: 'weak-deps must be true or false' });
  } else if (typeof weak === 'boolean') request.weakDeps = weak;
  return { request, diagnostics };
}
