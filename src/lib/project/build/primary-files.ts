/** The `<file>` elements a shadow package keeps from its upstream package, from the resolver's record. */
import type { PackageRecord } from '../../resolve/types.ts';
import { escapeXml } from './primary-xml.ts';

/** `<file>` elements rebuilt from the file list libsolv kept; it drops `type="dir"`/`type="ghost"`, which solving never reads. */
export function fileElementsOf(record: PackageRecord): string[] {
  return record.files.map((f) => `<file>${escapeXml(f)}</file>`);
}
