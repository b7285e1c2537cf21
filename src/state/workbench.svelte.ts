/** WorkbenchState: how the page is arranged — theme, the answer tab, the compact-layout tab, pane widths, the toast with Undo, and line jumps. */

/** The colour theme: the OS's, or one chosen in the top bar (kept in localStorage). */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The tabs of the answers column. */
export const ANSWER_TABS = ['packages', 'why', 'problems', 'overlays', 'config', 'diff', 'charts', 'checks', 'deviations', 'exports', 'metadata'] as const;
/** One tab of the answers column. */
export type AnswerTab = (typeof ANSWER_TABS)[number];

/** Below 900 px the three columns become these tabs. */
export type CompactTab = 'files' | 'editor' | 'answers';

/** A message with an Undo button, shown for a few seconds after a destructive action. */
export interface Toast {
  message: string;
  undo?: () => void;
  id: number;
}

/** A request to show a line in the editor (the editor consumes it when it has the file open). */
export interface LineJump {
  file: string;
  line: number;
  seq: number;
}

const THEME_KEY = 'azl-playground-theme';
const TOAST_MS = 8000;

/** Something that keeps small preferences (localStorage on the page; a Map in tests). */
export interface PreferenceStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The arrangement of the page. */
export class WorkbenchState {
  theme = $state<ThemeChoice>('system');
  answerTab = $state<AnswerTab>('packages');
  compactTab = $state<CompactTab>('editor');
  /** Widths in px of the file tree and the answers column (the editor takes the rest). */
  filesWidth = $state(220);
  answersWidth = $state(640);
  helpOpen = $state(false);
  toast = $state.raw<Toast | undefined>(undefined);
  jump = $state.raw<LineJump | undefined>(undefined);

  private toastTimer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(private readonly prefs?: PreferenceStore) {
    const saved = prefs?.getItem(THEME_KEY);
    if (saved === 'light' || saved === 'dark' || saved === 'system') this.theme = saved;
  }

  /** Chooses the theme and remembers it. */
  setTheme(theme: ThemeChoice): void {
    this.theme = theme;
    this.prefs?.setItem(THEME_KEY, theme);
  }

  /** Opens answer tab TAB (and, in the compact layout, the answers). */
  showAnswer(tab: AnswerTab): void {
    this.answerTab = tab;
    this.compactTab = 'answers';
  }

  /** Asks the editor to show LINE of FILE (the project opens the file). */
  reveal(file: string, line: number): void {
    this.jump = { file, line, seq: ++this.seq };
    this.compactTab = 'editor';
  }

  /** Shows MESSAGE for a few seconds, with Undo when UNDO is given. */
  notify(message: string, undo?: () => void): void {
    clearTimeout(this.toastTimer);
    this.toast = { message, id: ++this.seq, ...(undo ? { undo } : {}) };
    this.toastTimer = setTimeout(() => (this.toast = undefined), TOAST_MS);
  }

  /** Runs the toast's Undo and closes it. */
  undo(): void {
    const undo = this.toast?.undo;
    this.closeToast();
    undo?.();
  }

  /** Closes the toast. */
  closeToast(): void {
    clearTimeout(this.toastTimer);
    this.toast = undefined;
  }

  /** Sets a pane width (px), kept within what leaves the editor usable. */
  resize(pane: 'files' | 'answers', px: number, viewport: number): void {
    const clamped = Math.round(Math.min(Math.max(px, pane === 'files' ? 140 : 320), Math.max(viewport * (pane === 'files' ? 0.3 : 0.6), 320)));
    if (pane === 'files') this.filesWidth = clamped;
    else this.answersWidth = clamped;
  }
}
