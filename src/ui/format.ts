/** Display helpers shared by the panes. */
import type { SessionProgress } from '../lib/project/repo-session.ts';

/** Bytes as a short human size (binary units, one decimal). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** An age in milliseconds as "3 min", "2 h", "4 d". */
export function formatAge(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${Math.round(s / 3600)} h`;
  return `${Math.round(s / 86400)} d`;
}

/** The steps of loading a repository, in order, as the Metadata pane lists them. */
export const LOAD_STEPS = [
  { phase: 'fetch', label: 'download' },
  { phase: 'verify', label: 'verify' },
  { phase: 'decompress', label: 'decompress' },
  { phase: 'parse', label: 'parse' },
  { phase: 'cache', label: 'cache' },
] as const;

const PHASE_NAMES: Record<SessionProgress['phase'], string> = {
  fetch: 'download',
  verify: 'verify',
  decompress: 'decompress',
  parse: 'parse',
  cache: 'cache',
  'load-solv': 'load from cache',
  filelists: 'file lists',
  solve: 'solve',
};

/** PROGRESS in words (`download primary.xml.gz: 1.2 MiB of 8.0 MiB`) and, for a download, the fraction done. */
export function describeProgress(progress: SessionProgress): { text: string; fraction?: number } {
  const name = PHASE_NAMES[progress.phase];
  const file = progress.file?.split('/').pop();
  if (progress.phase === 'fetch' && file) {
    const text = `${name} ${file}: ${formatBytes(progress.loaded ?? 0)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}`;
    return progress.total ? { text, fraction: Math.min(1, (progress.loaded ?? 0) / progress.total) } : { text };
  }
  return { text: file && (progress.phase === 'verify' || progress.phase === 'decompress') ? `${name} ${file} (${formatBytes(progress.loaded ?? 0)})` : name };
}
