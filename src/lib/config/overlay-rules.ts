/** Load-time checks of overlays and their metadata, per overlay type (azl-format.md §3.1). */
import { re2, Re2NotLoaded } from '../re2.ts';
import type { LNode, TableNode } from './located-tree.ts';
import { getNode, getString } from './located-tree.ts';
import type { DiagnosticSink } from './report.ts';
import { OVERLAY_TYPES } from './schema-defs.ts';

const TAG_TYPES = new Set(['spec-add-tag', 'spec-insert-tag', 'spec-set-tag', 'spec-update-tag', 'spec-remove-tag']);
const SPEC_LINE_TYPES = new Set(['spec-prepend-lines', 'spec-append-lines']);
// Types whose `package` only narrows a `section`; tag and patch types use `package` alone to pick a preamble.
const SECTION_SCOPED_TYPES = new Set(['spec-prepend-lines', 'spec-append-lines', 'spec-search-replace']);
const ARCHIVE_TYPES = new Set(['file-remove', 'file-search-replace']);
const ARCHIVE_NAME = /\.(tar|tar\.(gz|bz2|xz|zst|lz|lzma|Z)|tgz|tbz2?|txz|tzst|zip)$/;

/** True when `pattern` is a well-formed doublestar glob: balanced `[...]` and `{...}`, no dangling `\`. */
export function isValidGlob(pattern: string): boolean {
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 >= pattern.length) return false;
      i++;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) return false;
      i = close;
    } else if (c === '{') braces++;
    else if (c === '}') {
      if (--braces < 0) return false;
    }
  }
  return braces === 0;
}

/**
 * True for patterns made of literal characters, `.`, `^`, `$` and single `* + ?` quantifiers
 * that follow a literal or `.`: RE2 always accepts those, so the costly compile can be skipped.
 * Anything else (escapes, groups, classes, braces, alternation) goes through RE2JS (see lib/re2.ts).
 */
export function isPlainPattern(pattern: string): boolean {
  let previousIsAtom = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' || c === '(' || c === ')' || c === '[' || c === ']' || c === '{' || c === '}' || c === '|') return false;
    if (c === '*' || c === '+' || c === '?') {
      if (!previousIsAtom) return false;
      previousIsAtom = false;
    } else previousIsAtom = c !== '^' && c !== '$';
  }
  return true;
}

// Overlay regexes repeat across components and reloads; compiling RE2 is the costly part of validation.
const re2Verdicts = new Map<string, string | undefined>();

/** Returns the RE2 compile error for `pattern`, or undefined when Go's regexp would accept it. */
export function re2Error(pattern: string): string | undefined {
  if (isPlainPattern(pattern)) return undefined;
  if (re2Verdicts.has(pattern)) return re2Verdicts.get(pattern);
  let verdict: string | undefined;
  try {
    re2().compile(pattern);
  } catch (e) {
    if (e instanceof Re2NotLoaded) throw e;
    verdict = e instanceof Error ? e.message : String(e);
  }
  re2Verdicts.set(pattern, verdict);
  return verdict;
}

/** Checks an overlay-metadata table: a backport needs a commit and an upstream status that says so. */
export function checkMetadata(node: LNode | undefined, owner: string, sink: DiagnosticSink): void {
  if (node?.kind !== 'table') return;
  if (getString(node, 'category') !== 'upstream-backport') return;
  const commits = getNode(node, 'commits');
  if (commits?.kind !== 'array' || commits.items.length === 0) {
    sink.error('config/overlay-metadata', node.loc, `${owner}: category "upstream-backport" requires at least one entry in "commits"`, 'add commits = [{ url = "https://…" }]');
  }
  const status = getString(node, 'upstream-status');
  if (status !== 'upstreamed' && status !== 'upstreamable') {
    sink.error('config/overlay-metadata', node.loc, `${owner}: category "upstream-backport" requires upstream-status "upstreamed" or "upstreamable"`, `set upstream-status; found ${status ? JSON.stringify(status) : 'none'}`);
  }
}

/** Checks one overlay table the way azldev's `ComponentOverlay.Validate` does, reporting every problem. */
export function checkOverlay(overlay: TableNode, owner: string, sink: DiagnosticSink): void {
  const type = getString(overlay, 'type');
  const desc = getString(overlay, 'description') || '(no description)';
  const at = (field: string) => getNode(overlay, field)?.loc ?? overlay.loc;
  const has = (field: string) => {
    const n = getNode(overlay, field);
    if (!n) return false;
    if (n.kind === 'array') return n.items.length > 0;
    return !(n.kind === 'scalar' && n.value === '');
  };
  const missing = (field: string) =>
    sink.error('config/overlay-missing-field', overlay.loc, `${owner}: overlay type "${type}" requires "${field}" field: ${desc}`, `add ${field} = … to this overlay`);
  const relativePath = (field: string) => {
    const value = getString(overlay, field);
    if (!value) return missing(field);
    if (value.startsWith('/')) {
      sink.error('config/overlay-absolute-path', at(field), `${owner}: overlay type "${type}" requires "${field}" to be a relative path; found "${value}"`, 'paths are relative to the component sources');
    }
  };
  const regex = () => {
    const pattern = getString(overlay, 'regex');
    if (!pattern) return missing('regex');
    const err = re2Error(pattern);
    if (err) {
      sink.error('config/overlay-bad-regex', at('regex'), `${owner}: invalid regex ${JSON.stringify(pattern)} in overlay "${desc}": ${err}`, 'azldev uses Go RE2 syntax: no backreferences, no lookaround');
    }
  };

  if (!type) {
    sink.error('config/overlay-missing-field', overlay.loc, `${owner}: overlay is missing required field "type": ${desc}`, `set type to one of: ${OVERLAY_TYPES.join(', ')}`);
    return;
  }
  if (!(OVERLAY_TYPES as readonly string[]).includes(type)) {
    sink.error('config/overlay-unknown-type', at('type'), `${owner}: unknown overlay type "${type}": ${desc}`, `known types: ${OVERLAY_TYPES.join(', ')}`);
    return;
  }

  if (TAG_TYPES.has(type)) {
    if (!has('tag')) missing('tag');
    if (type !== 'spec-remove-tag' && !has('value')) missing('value');
  } else if (SPEC_LINE_TYPES.has(type)) {
    if (!has('lines')) missing('lines');
  } else if (type === 'spec-search-replace') {
    regex();
  } else if (type === 'file-prepend-lines') {
    relativePath('file');
    if (!has('lines')) missing('lines');
  } else if (type === 'file-search-replace') {
    relativePath('file');
    regex();
  } else if (type === 'file-add') {
    relativePath('file');
    if (!has('source')) missing('source');
  } else if (type === 'file-remove') {
    relativePath('file');
  } else if (type === 'file-rename') {
    relativePath('file');
    const replacement = getString(overlay, 'replacement');
    if (!replacement) missing('replacement');
    else if (replacement.includes('/')) {
      sink.error('config/overlay-bad-replacement', at('replacement'), `${owner}: overlay type "file-rename" requires "replacement" to be a filename only (not a path); found "${replacement}"`, 'the file is renamed in place');
    }
  } else if (type === 'spec-remove-section') {
    if (!has('section')) missing('section');
  } else if (type === 'spec-remove-subpackage') {
    if (!has('package')) missing('package');
    if (has('section')) {
      sink.error('config/overlay-unexpected-field', at('section'), `${owner}: overlay type "spec-remove-subpackage" does not accept "section" field: ${desc}`, 'it removes every section of the package; drop section');
    }
  } else if (type === 'patch-add') {
    if (!has('source')) missing('source');
    if (has('file')) relativePath('file');
  } else if (type === 'patch-remove') {
    relativePath('file');
    const file = getString(overlay, 'file');
    if (file && !isValidGlob(file)) {
      sink.error('config/overlay-bad-glob', at('file'), `${owner}: invalid glob pattern "${file}" in overlay "${desc}"`, 'check that every [ and { is closed');
    }
  }

  if (SECTION_SCOPED_TYPES.has(type) && has('package') && !has('section')) {
    sink.error('config/overlay-package-without-section', at('package'), `${owner}: overlay type "${type}" does not accept "package" without "section": ${desc}`, 'add the section the package scopes, e.g. section = "%files"');
  }
  const archive = getString(overlay, 'archive');
  if (archive !== undefined) {
    if (!ARCHIVE_TYPES.has(type)) {
      sink.error('config/overlay-archive', at('archive'), `${owner}: overlay type "${type}" does not accept "archive" field: ${desc}`, 'only file-remove and file-search-replace can edit inside an archive');
    } else if (!ARCHIVE_NAME.test(archive)) {
      sink.error('config/overlay-archive', at('archive'), `${owner}: "archive" must name an archive file (.tar.gz, .tgz, .tar.xz, .zip, …); found "${archive}"`, 'use the archive filename from the sources file');
    }
  }
  checkMetadata(getNode(overlay, 'metadata'), `${owner} overlay metadata`, sink);
}
