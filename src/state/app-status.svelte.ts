/** AppStatus: the page's state word, its status line, the progress of slow work and the banner, with every failure named by where it came from. */
import type { SessionProgress } from '../lib/project/repo-session.ts';
import { WorkerCrashedError } from '../workers/restarting-worker.ts';

/** The page's state word, mirrored on `<html data-playground-state>` for tests and embedders. */
export type PlaygroundPhase = 'loading' | 'resolving' | 'ready' | 'error';

/** Where a failure came from; the banner names it so nobody blames the resolver for a bad example link. */
export type FailureSource = 'resolver' | 'overlay engine' | 'metadata' | 'example project' | 'export' | 'share link';

/** A failure shown in the banner: what happened, what to do, and details folded away. */
export interface Banner {
  source: FailureSource;
  message: string;
  hint?: string;
  details?: string;
}

/** The status of the page as a whole. */
export class AppStatus {
  phase = $state<PlaygroundPhase>('loading');
  status = $state('Starting the resolver…');
  progress = $state.raw<SessionProgress | undefined>(undefined);
  /** Stops the repository load that `progress` reports, when the work behind it can be stopped (an image build's). */
  cancel = $state.raw<(() => void) | undefined>(undefined);
  banner = $state.raw<Banner | undefined>(undefined);

  /** Slow work started: TEXT says what, the answer on screen is out of date until it ends. */
  working(phase: 'loading' | 'resolving', text: string): void {
    this.phase = phase;
    this.status = text;
  }

  /** Work ended with an answer; TEXT is the one-line summary. */
  ready(text: string): void {
    this.progress = undefined;
    this.cancel = undefined;
    this.phase = 'ready';
    this.status = text;
  }

  /** Shows BANNER and puts the page in the error state. */
  fail(banner: Banner): void {
    this.banner = banner;
    this.phase = 'error';
    this.status = banner.message;
  }

  /** Says that SOURCE's worker stopped and was restarted, and what happens next; the page keeps working. */
  restarted(source: FailureSource, hint: string, error: WorkerCrashedError): void {
    this.banner = { source, message: `The ${source} stopped and was restarted.`, hint, details: error.message };
  }

  /** An answer came only after the resolver trapped and was rebuilt (NOTICE says what happened): the user is told, the page keeps working. */
  recovered(notice: string): void {
    this.banner = { source: 'resolver', message: 'The resolver crashed and was rebuilt from the cached repositories.', hint: 'The answer shown is from one retry; if it happens again, reload the page.', details: notice };
  }

  /**
   * Reports an unexpected throw from SOURCE. A worker crash is left out: its restart is reported
   * by `restarted`, and the calls it rejected have nothing to add.
   */
  thrown(source: FailureSource, error: unknown): void {
    if (error instanceof WorkerCrashedError) return;
    const message = error instanceof Error ? error.message : String(error);
    this.fail({ source, message: `Something went wrong in the ${source}.`, hint: 'Your edits are kept. Try again; if it repeats, reload the page.', details: message });
    console.error(error);
  }

  /** Closes the banner. */
  dismiss(): void {
    this.banner = undefined;
  }
}
