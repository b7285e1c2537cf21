/** A domain failure of one overlay; carries the 1-based spec line it concerns (0 when none). */
export class OverlayError extends Error {
  constructor(
    message: string,
    readonly specLine = 0,
  ) {
    super(message);
    this.name = 'OverlayError';
  }
}
