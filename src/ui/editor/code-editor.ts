/** The project editor: CodeMirror 6 with line numbers, per-file undo, diagnostics from every layer, completion and package hover. */
import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, HighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { completeToml, schemaForFile } from '../../lib/config/complete.ts';
import type { Diagnostic } from '../../lib/diagnostics.ts';
import { inKickstartPackages, nameContext } from '../../lib/image/name-context.ts';
import { loadLanguage } from './languages.ts';

/** What the editor asks of the page: where edits go, and the loaded metadata for names and hovers. */
export interface EditorHooks {
  onChange(path: string, text: string): void;
  /** Package names starting with PREFIX (the resolver worker's search), with their summaries. */
  packages(prefix: string): Promise<{ name: string; summary: string }[]>;
  /** Comps group and environment ids of the loaded metadata. */
  groups(): { id: string; name: string }[];
  /** One line about package NAME (version and summary), or undefined when no repository has it. */
  describePackage(name: string): Promise<string | undefined>;
}

// Colours come from the page's CSS variables, so the light and dark themes both keep their contrast.
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.tagName], color: 'var(--syn-keyword)' },
  { tag: [tags.propertyName, tags.attributeName, tags.definition(tags.propertyName)], color: 'var(--syn-property)' },
  { tag: [tags.string, tags.special(tags.string), tags.attributeValue], color: 'var(--syn-string)' },
  { tag: [tags.number, tags.bool, tags.atom], color: 'var(--syn-atom)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment], color: 'var(--syn-comment)', fontStyle: 'italic' },
  { tag: [tags.meta, tags.heading, tags.processingInstruction, tags.documentMeta], color: 'var(--syn-meta)', fontWeight: '600' },
  { tag: [tags.operator, tags.angleBracket, tags.bracket], color: 'var(--muted)' },
  { tag: tags.invalid, color: 'var(--bad)' },
]);

const theme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--panel)', color: 'var(--fg)', fontSize: '13px' },
  '.cm-scroller': { fontFamily: 'var(--mono)', lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--fg)' },
  '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
  // a fixed width for up to 4 digits: switching files does not move the text sideways
  '.cm-lineNumbers .cm-gutterElement': { minWidth: '4ch' },
  '.cm-activeLine': { backgroundColor: 'color-mix(in srgb, var(--accent) 6%, transparent)' },
  '.cm-activeLineGutter': { backgroundColor: 'color-mix(in srgb, var(--accent) 12%, transparent)', color: 'var(--fg)' },
  '&.cm-focused': { outline: '2px solid var(--focus)', outlineOffset: '-2px' },
  '.cm-selectionBackground, &.cm-focused .cm-selectionBackground': { backgroundColor: 'var(--selection) !important' },
  '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
  '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--bad)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
  '.cm-package-hover': { padding: '0.3rem 0.5rem', maxWidth: '28rem', fontFamily: 'system-ui, sans-serif' },
});

function severity(s: Diagnostic['severity']): CmDiagnostic['severity'] {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'info';
}

/** The CodeMirror view of the project's files; one instance lives as long as the editor pane. */
export class CodeEditor {
  readonly view: EditorView;
  private path = '';
  private readonly states = new Map<string, EditorState>();
  private readonly language = new Compartment();
  private readonly label = new Compartment();
  private diagnostics: readonly Diagnostic[] = [];
  // Set while the editor applies text from outside (discard, a fix button), so it is not echoed back as an edit.
  private applying = false;

  /** Shows PATH with TEXT in PARENT (opened at once, so the first paint already has the file). */
  constructor(
    parent: HTMLElement,
    path: string,
    text: string,
    private readonly hooks: EditorHooks,
  ) {
    this.view = new EditorView({ parent, state: this.newState('', '') });
    this.open(path, text);
  }

  private extensions(path: string): Extension[] {
    return [
      // tabindex made explicit: the scroller around it then counts as reachable by keyboard (axe's scrollable-region-focusable)
      this.label.of(EditorView.contentAttributes.of({ 'aria-label': `Editing ${path}`, tabindex: '0' })),
      lineNumbers(),
      highlightActiveLineGutter(),
      highlightActiveLine(),
      drawSelection(),
      history(),
      indentOnInput(),
      bracketMatching(),
      closeBrackets(),
      highlightSelectionMatches(),
      lintGutter(),
      syntaxHighlighting(highlight),
      this.language.of([]),
      autocompletion({ override: [(ctx) => this.complete(ctx)], icons: false }),
      hoverTooltip((view, pos) => this.hover(view, pos), { hoverTime: 350 }),
      // Tab is left to the page (focus moves on); Ctrl-[ / Ctrl-] indent.
      keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap, ...completionKeymap]),
      EditorView.lineWrapping,
      theme,
      EditorView.updateListener.of((u) => {
        if (u.docChanged && !this.applying) this.hooks.onChange(this.path, u.state.doc.toString());
      }),
    ];
  }

  private newState(path: string, text: string): EditorState {
    return EditorState.create({ doc: text, extensions: this.extensions(path) });
  }

  /** Shows PATH with TEXT; the file's own undo history comes back when it was open before. */
  open(path: string, text: string): void {
    if (path === this.path) {
      this.setText(text);
      return;
    }
    if (this.path) this.states.set(this.path, this.view.state);
    this.path = path;
    const kept = this.states.get(path);
    this.view.setState(kept && kept.doc.toString() === text ? kept : this.newState(path, text));
    this.applyDiagnostics();
    void loadLanguage(path).then((lang) => {
      if (this.path === path) this.view.dispatch({ effects: this.language.reconfigure(lang) });
    });
  }

  /** Replaces the open file's text when it changed outside the editor (discarded edits, a fix from the Problems tab). */
  setText(text: string): void {
    const current = this.view.state.doc.toString();
    if (current === text) return;
    // Keep the cursor where it was, as far as the new text allows.
    const head = Math.min(this.view.state.selection.main.head, text.length);
    this.applying = true;
    try {
      this.view.dispatch({ changes: { from: 0, to: current.length, insert: text }, selection: EditorSelection.cursor(head) });
    } finally {
      this.applying = false;
    }
  }

  /** Underlines DIAGNOSTICS (every layer's) in the open file. */
  setDiagnostics(diagnostics: readonly Diagnostic[]): void {
    this.diagnostics = diagnostics;
    this.applyDiagnostics();
  }

  private applyDiagnostics(): void {
    const doc = this.view.state.doc;
    const marks: CmDiagnostic[] = [];
    for (const d of this.diagnostics) {
      if (d.file !== this.path) continue;
      const line = doc.line(Math.min(Math.max(d.line, 1), doc.lines));
      const from = d.col > 0 ? Math.min(line.from + d.col - 1, line.to) : line.from + (line.text.length - line.text.trimStart().length);
      marks.push({ from, to: Math.max(from, line.to), severity: severity(d.severity), message: d.hint ? `${d.message} (${d.hint})` : d.message, source: d.code });
    }
    this.view.dispatch(setDiagnostics(this.view.state, marks));
  }

  /** Puts the cursor at the start of LINE (1-based), scrolls it into view and focuses the editor. */
  goToLine(line: number): void {
    const doc = this.view.state.doc;
    const target = doc.line(Math.min(Math.max(line, 1), doc.lines));
    this.view.dispatch({ selection: EditorSelection.cursor(target.from), effects: EditorView.scrollIntoView(target.from, { y: 'center' }) });
    this.view.focus();
  }

  /** Focuses the editor. */
  focus(): void {
    this.view.focus();
  }

  private async complete(ctx: CompletionContext): Promise<CompletionResult | null> {
    const line = ctx.state.doc.lineAt(ctx.pos);
    const before = line.text.slice(0, ctx.pos - line.from);
    const schema = schemaForFile(this.path);
    const inPackages = /\.(ks|cfg)$/.test(this.path) && inKickstartPackages(ctx.state.doc.sliceString(0, line.from).split('\n'), line.number - 1);
    const names = nameContext(this.path, before, inPackages);
    if (names) {
      if (!ctx.explicit && names.typed.length < 2) return null;
      const from = ctx.pos - names.typed.length;
      if (names.kind === 'group') {
        const options = this.hooks.groups().map((g) => ({ label: g.id, detail: g.name, type: 'namespace' }));
        return { from, options, validFor: /^[\w.+-]*$/ };
      }
      const hits = await this.hooks.packages(names.typed);
      if (ctx.aborted) return null;
      return { from, options: hits.map((h) => ({ label: h.name, detail: h.summary, type: 'variable' })), validFor: /^[\w.+-]*$/ };
    }
    if (!schema) return null;
    const toml = completeToml(ctx.state.doc.toString(), ctx.pos, schema);
    if (!toml || (!ctx.explicit && toml.from === ctx.pos && toml.options[0]?.type !== 'value')) return null;
    return { from: toml.from, options: toml.options.map((o) => ({ label: o.label, detail: o.detail, type: o.type === 'value' ? 'enum' : 'property' })), validFor: /^[\w-]*$/ };
  }

  private async hover(view: EditorView, pos: number) {
    const line = view.state.doc.lineAt(pos);
    const at = pos - line.from;
    const word = /[A-Za-z0-9._+-]+/g;
    let match: RegExpExecArray | null;
    while ((match = word.exec(line.text))) {
      if (match.index <= at && at <= match.index + match[0].length) break;
    }
    if (!match) return null;
    const before = line.text.slice(0, match.index);
    const inPackages = /\.(ks|cfg)$/.test(this.path) && inKickstartPackages(view.state.doc.sliceString(0, line.from).split('\n'), line.number - 1);
    const context = nameContext(this.path, before, inPackages);
    if (context?.kind !== 'package') return null;
    const name = match[0];
    const text = await this.hooks.describePackage(name);
    if (!text) return null;
    const start = line.from + match.index;
    return {
      pos: start,
      end: start + name.length,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-package-hover';
        dom.textContent = text;
        return { dom };
      },
    };
  }

  /** Tears the view down. */
  destroy(): void {
    this.view.destroy();
  }
}
