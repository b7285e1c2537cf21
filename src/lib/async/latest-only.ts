/** Runs requests one at a time where only the newest matters: typing must not queue a solve per keystroke. */

/** The answer for a request that a newer one replaced. */
export interface Superseded {
  superseded: true;
}

interface Waiting<Req, Res> {
  request: Req;
  resolve: (r: Res | Superseded) => void;
  reject: (e: unknown) => void;
}

/**
 * At most one request runs and one waits. A new request replaces the waiting one (which resolves as
 * superseded), and a running request whose answer arrives after a newer request was submitted also
 * resolves as superseded, so callers only ever act on the newest answer.
 */
export class LatestOnly<Req, Res> {
  private running = false;
  private waiting: Waiting<Req, Res> | undefined;

  constructor(private readonly run: (request: Req) => Promise<Res>) {}

  /** Submits REQUEST; resolves with its answer, or as superseded. */
  submit(request: Req): Promise<Res | Superseded> {
    return new Promise((resolve, reject) => {
      this.waiting?.resolve({ superseded: true });
      this.waiting = { request, resolve, reject };
      void this.pump();
    });
  }

  private async pump(): Promise<void> {
    if (this.running || !this.waiting) return;
    const job = this.waiting;
    this.waiting = undefined;
    this.running = true;
    try {
      const result = await this.run(job.request);
      job.resolve(this.waiting ? { superseded: true } : result);
    } catch (err) {
      job.reject(err);
    } finally {
      this.running = false;
      void this.pump();
    }
  }
}
