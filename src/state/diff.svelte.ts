/** DiffState: a pinned answer, and how the answer on screen differs from it (another image, profile, switch or edit). */
import { packageDelta, type PackageDelta } from '../lib/project/package-delta.ts';
import type { ResolvedPackage } from '../lib/resolve/types.ts';

/** An answer kept to compare with. */
export interface Pinned {
  label: string;
  packages: readonly ResolvedPackage[];
  at: number;
}

/** The Diff view's state. */
export class DiffState {
  pinned = $state.raw<Pinned | undefined>(undefined);

  constructor(
    /** The package set on screen and a label for it (image, profile, arch). */
    private readonly current: () => { label: string; packages: readonly ResolvedPackage[] } | undefined,
  ) {}

  /** How the answer on screen differs from the pin. */
  readonly delta = $derived.by((): PackageDelta | undefined => {
    const now = this.current();
    return this.pinned && now ? packageDelta(this.pinned.packages, now.packages) : undefined;
  });

  /** Pins the answer on screen. */
  pin(): void {
    const now = this.current();
    if (now) this.pinned = { label: now.label, packages: now.packages, at: Date.now() };
  }

  /** Forgets the pin. */
  unpin(): void {
    this.pinned = undefined;
  }
}
