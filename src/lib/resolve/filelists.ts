/** When dnf5 loads filelists: only for a requested file path outside what primary.xml already lists. */
import type { ResolveRequest } from './types.ts';

/** Paths whose files primary.xml carries (Fedora Change "DNFConditionalFilelists"). */
const PRIMARY_FILE_PREFIXES = ['/usr/bin/', '/usr/sbin/', '/etc/'];

/** True when a spec of REQUEST is a file path that only filelists.xml can resolve. */
export function requestNeedsFilelists(request: ResolveRequest): boolean {
  return request.specs.some((spec) => {
    const s = spec.trim();
    return s.startsWith('/') && !PRIMARY_FILE_PREFIXES.some((p) => s.startsWith(p));
  });
}
