/** An `[epoch:]version[-release]` string taken apart; the epoch is kept as written (digits), `"0"` when absent. */
export interface EvrParts {
  epoch: string;
  version: string;
  /** Null when the string has no release (a dependency like `foo >= 1.2`). */
  release: string | null;
}

/** Splits an EVR at its epoch colon (digits only) and its last dash, as rpm and libsolv do. */
export function splitEvr(evr: string): EvrParts {
  const colon = evr.indexOf(':');
  const hasEpoch = colon > 0 && /^\d+$/.test(evr.slice(0, colon));
  const epoch = hasEpoch ? evr.slice(0, colon) : '0';
  const rest = hasEpoch ? evr.slice(colon + 1) : evr;
  const dash = rest.lastIndexOf('-');
  return dash > 0 ? { epoch, version: rest.slice(0, dash), release: rest.slice(dash + 1) } : { epoch, version: rest, release: null };
}
