import type { Glob } from '../../files/glob.ts';
import { decodeUtf8 } from '../../files/text.ts';
import type { FileContent, VirtualFiles } from '../types.ts';

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Normalises contents for storage: NUL-free valid UTF-8 becomes a string, anything else stays bytes. */
export function normalizeContent(content: FileContent): FileContent {
  if (typeof content === 'string') return content;
  // A NUL byte marks binary data (a plain tar is often all ASCII), which must not be edited as text.
  if (content.includes(0)) return content;
  return decodeUtf8(content) ?? content;
}

/** Whether a path is a spec file, which non-spec overlays refuse to touch. */
export function isSpecPath(path: string): boolean {
  return path.endsWith('.spec');
}

/** A mutable in-memory directory tree of files (no directories of their own), keyed by relative path. */
export class SourceTree {
  private readonly files = new Map<string, FileContent>();

  constructor(initial: VirtualFiles = {}) {
    for (const [path, content] of Object.entries(initial)) this.files.set(path, normalizeContent(content));
  }

  /** Whether a file exists at exactly this path. */
  has(path: string): boolean {
    return this.files.has(path);
  }

  /** The file's contents, or undefined. */
  get(path: string): FileContent | undefined {
    return this.files.get(path);
  }

  /** Writes (or overwrites) a file. */
  set(path: string, content: FileContent): void {
    this.files.set(path, normalizeContent(content));
  }

  /** Removes a file; returns whether it existed. */
  delete(path: string): boolean {
    return this.files.delete(path);
  }

  /** All paths, sorted. */
  paths(): string[] {
    return [...this.files.keys()].sort();
  }

  /** A plain-object snapshot. */
  snapshot(): VirtualFiles {
    const out: VirtualFiles = {};
    for (const path of this.paths()) out[path] = this.files.get(path) as FileContent;
    return out;
  }

  /** Non-spec files outside `.git/` matching the glob; a path equal to the pattern itself matches first. */
  globNonSpec(glob: Glob): string[] {
    const eligible = (p: string) => !isSpecPath(p) && !p.split('/').includes('.git');
    // A pattern that names an existing file is taken literally: a `\` in a file name
    // (open-vm-tools' `run-vmblock\x2dfuse.mount`) would otherwise read as a glob escape.
    if (this.files.has(glob.pattern) && eligible(glob.pattern)) return [glob.pattern];
    return this.paths().filter((p) => eligible(p) && glob.matches(p));
  }
}
