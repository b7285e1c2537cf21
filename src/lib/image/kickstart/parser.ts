/** Reads a kickstart and the project files it `%include`s into commands, `%packages` and scripts, with located diagnostics. */
import type { Diagnostic } from '../../diagnostics.ts';
import { resolveFromFile } from '../../files/paths.ts';
import type { TextFiles } from '../../files/text.ts';
import type { SourceRef } from '../request.ts';
import { splitWords, type Token } from './lexer.ts';
import { COMMAND_ALIASES, COMMAND_OPTIONS, SCRIPT_OPTIONS, parseOptions } from './options.ts';
import { applyPackagesHeader, applyPackagesLine, emptyPackages, type KickstartPackages } from './packages.ts';

/** One command line, with options under their canonical names. */
export interface KickstartCommand {
  /** Command name as pykickstart keys it (`partition` is kept as `part`). */
  name: string;
  positionals: string[];
  /** Canonical option name (no dashes) → value, or `true` for a flag. */
  options: Record<string, string | true>;
  origin: SourceRef;
}

/** A `%pre`/`%post`/… section, kept so the UI can show it; the playground never runs scripts. */
export interface KickstartScript {
  section: string;
  options: Record<string, string | true>;
  body: string[];
  origin: SourceRef;
}

/** A parsed kickstart: every command line in file order, the merged `%packages`, and the scripts. */
export interface KickstartDocument {
  entry: string;
  /** Files read, in the order they were first included. */
  files: string[];
  commands: KickstartCommand[];
  packages: KickstartPackages;
  scripts: KickstartScript[];
}

/** The document plus every problem found, each with file:line. */
export interface KickstartParseResult {
  document: KickstartDocument;
  diagnostics: Diagnostic[];
}

const SCRIPT_SECTIONS = new Set(['%pre', '%pre-install', '%post', '%onerror', '%traceback']);
// Sections Anaconda reads but the playground has no use for; their bodies are skipped without complaint.
const OPAQUE_SECTIONS = new Set(['%addon', '%anaconda']);
// Commands read by pykickstart's preprocessor rather than the command table.
const INCLUDE_DIRECTIVES = new Set(['%include', '%ksappend']);

type Section =
  | { kind: 'none' }
  | { kind: 'packages'; origin: SourceRef }
  | { kind: 'script'; script: KickstartScript }
  | { kind: 'opaque'; name: string; origin: SourceRef };

class KickstartReader {
  readonly diagnostics: Diagnostic[] = [];
  readonly doc: KickstartDocument;
  private section: Section = { kind: 'none' };
  private readonly stack: string[] = [];

  constructor(private readonly files: TextFiles, entry: string) {
    this.doc = { entry, files: [], commands: [], packages: emptyPackages(), scripts: [] };
  }

  private report(at: SourceRef, col: number, severity: Diagnostic['severity'], code: string, message: string, hint?: string): void {
    const d: Diagnostic = { file: at.file, line: at.line, col, severity, code, message };
    if (hint) d.hint = hint;
    this.diagnostics.push(d);
  }

  readFile(path: string, from?: { at: SourceRef; col: number }): void {
    const text = this.files.get(path);
    if (text === undefined) {
      if (from) this.report(from.at, from.col, 'error', 'kickstart/include-missing', `included file ${path} is not in the project`, 'Add the file to the project or fix the %include path.');
      else this.report({ file: path, line: 0 }, 0, 'error', 'kickstart/file-missing', `kickstart ${path} is not in the project`);
      return;
    }
    if (this.stack.includes(path)) {
      if (from) this.report(from.at, from.col, 'error', 'kickstart/include-cycle', `%include of ${path} loops back to a file that includes it (${[...this.stack, path].join(' → ')})`);
      return;
    }
    if (!this.doc.files.includes(path)) this.doc.files.push(path);
    this.stack.push(path);
    const lines = text.split('\n');
    lines.forEach((raw, i) => this.readLine(raw.replace(/\r$/, ''), { file: path, line: i + 1 }));
    this.stack.pop();
  }

  finish(): void {
    if (this.section.kind === 'none') return;
    const at = this.section.kind === 'script' ? this.section.script.origin : this.section.origin;
    const name = this.section.kind === 'script' ? this.section.script.section : this.section.kind === 'packages' ? '%packages' : this.section.name;
    this.report(at, 1, 'error', 'kickstart/missing-end', `section ${name} does not end with %end`, 'Add %end after the last line of the section.');
    this.closeSection();
  }

  private closeSection(): void {
    if (this.section.kind === 'script') this.doc.scripts.push(this.section.script);
    this.section = { kind: 'none' };
  }

  private readLine(raw: string, at: SourceRef): void {
    const trimmed = raw.trim();
    const directive = trimmed.split(/\s+/, 1)[0] ?? '';
    if (INCLUDE_DIRECTIVES.has(directive)) {
      this.include(raw, at);
      return;
    }
    if (directive === '%end') {
      if (this.section.kind === 'none') this.report(at, raw.indexOf('%end') + 1, 'error', 'kickstart/stray-end', '%end without an open section');
      else this.closeSection();
      return;
    }
    if (directive.startsWith('%') && this.opensSection(directive)) {
      if (this.section.kind !== 'none') {
        this.report(at, 1, 'error', 'kickstart/missing-end', 'the previous section does not end with %end before this one starts', 'Add %end before this line.');
        this.closeSection();
      }
      this.openSection(raw, at);
      return;
    }
    switch (this.section.kind) {
      case 'packages':
        applyPackagesLine(this.doc.packages, raw, at, this.diagnostics);
        return;
      case 'script':
        this.section.script.body.push(raw);
        return;
      case 'opaque':
        return;
      case 'none':
        this.command(raw, at);
    }
  }

  private opensSection(directive: string): boolean {
    // Inside a script body a line such as `%{?fedora}` is shell, not a section header.
    if (this.section.kind === 'script' || this.section.kind === 'opaque') return directive === '%packages' || SCRIPT_SECTIONS.has(directive) || OPAQUE_SECTIONS.has(directive);
    return true;
  }

  private tokens(raw: string, at: SourceRef): Token[] | null {
    const split = splitWords(raw);
    if (!split.ok) {
      this.report(at, split.error.col, 'error', 'kickstart/syntax', split.error.message);
      return null;
    }
    return split.value;
  }

  private include(raw: string, at: SourceRef): void {
    const tokens = this.tokens(raw, at);
    if (!tokens) return;
    const target = tokens[1];
    if (!target) {
      this.report(at, 1, 'error', 'kickstart/include-missing', '%include names no file');
      return;
    }
    if (/^[a-z]+:\/\//.test(target.text)) {
      this.report(at, target.col, 'error', 'kickstart/include-remote', `%include of ${target.text} is not supported`, 'The playground reads project files only; add the file to the project and include it by path.');
      return;
    }
    this.readFile(resolveFromFile(at.file, target.text), { at, col: target.col });
  }

  private openSection(raw: string, at: SourceRef): void {
    const tokens = this.tokens(raw, at) ?? [];
    const name = tokens[0]?.text ?? '';
    const args = tokens.slice(1);
    if (name === '%packages') {
      applyPackagesHeader(this.doc.packages, args, at, this.diagnostics);
      this.section = { kind: 'packages', origin: at };
    } else if (SCRIPT_SECTIONS.has(name)) {
      const parsed = parseOptions(args, SCRIPT_OPTIONS, { file: at.file, line: at.line, what: name, strict: true }, this.diagnostics);
      this.section = { kind: 'script', script: { section: name, options: parsed.options, body: [], origin: at } };
    } else {
      if (!OPAQUE_SECTIONS.has(name)) this.report(at, 1, 'error', 'kickstart/unknown-section', `unknown section ${name}`, 'Fedora 43 knows %packages, %pre, %pre-install, %post, %onerror, %traceback, %addon and %anaconda.');
      this.section = { kind: 'opaque', name, origin: at };
    }
  }

  private command(raw: string, at: SourceRef): void {
    const tokens = this.tokens(raw, at);
    if (!tokens || tokens.length === 0) return;
    const head = tokens[0] as Token;
    const name = COMMAND_ALIASES[head.text] ?? head.text;
    // reboot/poweroff/halt/shutdown are one pykickstart command with the same options.
    const specName = ['reboot', 'poweroff', 'halt'].includes(name) ? 'shutdown' : name;
    const specs = COMMAND_OPTIONS[specName];
    const parsed = parseOptions(tokens.slice(1), specs ?? [], { file: at.file, line: at.line, what: name, strict: specs !== undefined }, this.diagnostics);
    this.doc.commands.push({ name, positionals: parsed.positionals, options: parsed.options, origin: at });
  }
}

/** Parses the kickstart `entry` from the project files, following `%include` and `%ksappend` between project files. */
export function parseKickstart(files: TextFiles, entry: string): KickstartParseResult {
  const reader = new KickstartReader(files, entry);
  reader.readFile(entry);
  reader.finish();
  return { document: reader.doc, diagnostics: reader.diagnostics };
}
