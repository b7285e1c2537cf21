import type { Diagnostic } from '../../diagnostics.ts';
import { OverlayError } from '../errors.ts';
import { removeFiles, searchReplaceInFiles } from '../files/ops.ts';
import { SourceTree, encodeUtf8 } from '../files/tree.ts';
import type { FileChange, OverlayInput, SourceFileInput } from '../types.ts';
import { decompress, detectCompression, recompress } from './compression.ts';
import { readTar, writeTar, type TarEntry } from './tar.ts';

/** What one archive-scoped overlay did: an error, or the files it touched inside the archive. */
export interface ArchiveStepOutcome {
  error: OverlayError | null;
  changes: FileChange[];
}

/** The outcome of all overlays on one archive. */
export interface ArchiveOutcome {
  steps: ArchiveStepOutcome[];
  diagnostics: Diagnostic[];
}

const REGULAR_FILE_TYPES = new Set(['0', '7']);

// azldev roots archive globs at the single top-level directory when there is exactly one.
function archiveRoot(entries: readonly TarEntry[]): string {
  const tops = new Set<string>();
  let topIsDir = false;
  for (const entry of entries) {
    if (entry.type === 'g' || entry.name === '') continue;
    const [top, ...rest] = entry.name.split('/');
    tops.add(top as string);
    if (rest.length > 0 || entry.type === '5') topIsDir = true;
  }
  if (tops.size === 1 && topIsDir) return `${[...tops][0] as string}/`;
  return '';
}

function fail(count: number, message: string): ArchiveStepOutcome[] {
  return Array.from({ length: count }, () => ({ error: new OverlayError(message), changes: [] }));
}

/** Applies file-remove / file-search-replace overlays inside one tar archive and repacks it in `tree`. */
export async function processArchive(
  tree: SourceTree,
  archive: string,
  overlays: readonly OverlayInput[],
  sourceFiles: readonly SourceFileInput[],
): Promise<ArchiveOutcome> {
  const diagnostics: Diagnostic[] = [];
  const where = (message: string, severity: Diagnostic['severity'], code: string, hint?: string): Diagnostic => ({
    file: archive,
    line: 0,
    col: 0,
    severity,
    code,
    message,
    ...(hint ? { hint } : {}),
  });
  if (!sourceFiles.some((f) => f.filename === archive && f.origin?.type === 'overlay')) {
    diagnostics.push(
      where(`archive overlays on ${archive} need a source-files entry with origin.type = "overlay"`, 'warning', 'overlay/archive-source-file',
        'add [[components.<name>.source-files]] with filename, the hash after overlays, and origin = { type = "overlay" }'),
    );
  }
  const raw = tree.get(archive);
  if (raw === undefined) return { steps: fail(overlays.length, `archive ${JSON.stringify(archive)} not found in sources`), diagnostics };
  const bytes = typeof raw === 'string' ? encodeUtf8(raw) : raw;
  const compression = detectCompression(archive, bytes);
  let tar: Uint8Array;
  let entries: TarEntry[];
  try {
    tar = await decompress(compression, bytes);
    entries = readTar(tar);
  } catch (error) {
    const message = `extracting archive ${JSON.stringify(archive)}: ${error instanceof Error ? error.message : String(error)}`;
    return { steps: fail(overlays.length, message), diagnostics };
  }
  // Nothing is extracted to disk here, but rpmbuild will unpack the repacked archive: a member that
  // leaves the archive (`../x`, `/x`) is refused rather than handed on.
  const escaping = entries.find((e) => e.name.startsWith('/') || e.name.split('/').includes('..'));
  if (escaping) {
    return { steps: fail(overlays.length, `archive ${JSON.stringify(archive)}: member ${JSON.stringify(escaping.name)} points outside the archive; refused`), diagnostics };
  }
  const root = archiveRoot(entries);
  const inner = new SourceTree();
  const byPath = new Map<string, TarEntry>();
  for (const entry of entries) {
    if (!REGULAR_FILE_TYPES.has(entry.type) || !entry.name.startsWith(root)) continue;
    const rel = entry.name.slice(root.length);
    inner.set(rel, entry.data);
    byPath.set(rel, entry);
  }
  const original = inner.snapshot();
  const steps: ArchiveStepOutcome[] = overlays.map((overlay) => {
    const file = overlay.file ?? '';
    try {
      const touched =
        overlay.type === 'file-remove'
          ? removeFiles(inner, file)
          : searchReplaceInFiles(inner, file, overlay.regex ?? '', overlay.replacement ?? '');
      const kind = overlay.type === 'file-remove' ? 'removed' : 'modified';
      return { error: null, changes: touched.map((p) => ({ file: `${archive}:${root}${p}`, kind, before: null, after: null })) };
    } catch (error) {
      return { error: error instanceof OverlayError ? error : new OverlayError(String(error)), changes: [] };
    }
  });
  if (steps.every((s) => s.error !== null)) return { steps, diagnostics };
  let repacked: Uint8Array;
  try {
    repacked = writeTar(tar, entries, (entry) => {
      const rel = entry.name.slice(root.length);
      if (byPath.get(rel) !== entry) return { kind: 'keep' };
      const now = inner.get(rel);
      if (now === undefined) return { kind: 'drop' };
      if (now === original[rel]) return { kind: 'keep' };
      return { kind: 'replace', data: typeof now === 'string' ? encodeUtf8(now) : now };
    });
  } catch (error) {
    const message = `repacking archive ${JSON.stringify(archive)}: ${error instanceof Error ? error.message : String(error)}`;
    return { steps: steps.map((s) => (s.error ? s : { error: new OverlayError(message), changes: [] })), diagnostics };
  }
  const packed = await recompress(compression, repacked);
  if (!packed.sameCompression) {
    diagnostics.push(
      where(`no maintained ${compression} encoder is available in the playground, so ${archive} is handed back as an uncompressed tar`,
        'warning', 'overlay/archive-uncompressed', "rpmbuild's %setup detects compression by content, so the plain tar still unpacks"),
    );
  }
  tree.set(archive, packed.data);
  return { steps, diagnostics };
}
