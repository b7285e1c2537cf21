/**
 * What becomes of a folder or a .zip the user opens (the Projects menu's one way in): a tree small
 * enough to keep is read whole into a project of the user's; an azldev checkout bigger than that
 * (the azurelinux repository, 26,000 files) is opened in place and read lazily; anything else is
 * refused with the reason. Decided from the listing alone, before any file is read.
 */
import { overProjectLimits, type ListedFile } from './zip.ts';

/** How an opened tree is taken. */
export type OpenPlan = { kind: 'project'; files: ListedFile[] } | { kind: 'checkout' } | { kind: 'refused'; reason: string };

// Version-control data and archive-tool litter never belong to a project.
const NOT_PROJECT = /(^|\/)(\.git|__MACOSX)(\/|$)/;

/** The paths of FILES without the one folder every path shares (archives and folder uploads wrap the tree in one). */
function relativePaths(files: readonly ListedFile[]): string[] {
  const first = files[0]?.path.split('/')[0] ?? '';
  const strip = first !== '' && files.every((f) => f.path.startsWith(`${first}/`)) ? first.length + 1 : 0;
  return files.map((f) => f.path.slice(strip));
}

/** How to open the tree FILES (listed, not read). */
export function planOpen(files: readonly ListedFile[]): OpenPlan {
  const kept = files.filter((f) => !NOT_PROJECT.test(f.path));
  if (kept.length === 0) return { kind: 'refused', reason: 'it holds no file' };
  const over = overProjectLimits(kept);
  if (!over) return { kind: 'project', files: kept };
  if (relativePaths(kept).includes('azldev.toml')) return { kind: 'checkout' };
  return { kind: 'refused', reason: `${over}, more than a project kept in this browser may hold, and it has no azldev.toml at its top to be opened in place as a checkout` };
}
