/** A dnf5 stored-transaction (`transaction.json`, as `dnf5 … --store DIR` writes for `dnf5 replay`) for a fresh install of the set. */
import { requestGroups, type ImagePackageRequest } from '../image/request.ts';
import { canonicalJson } from './canonical-json.ts';
import type { Manifest, ManifestPackage, ManifestReason } from './manifest.ts';

/** Stored-transaction format version written; dnf5 replays the same major version. */
export const TRANSACTION_FORMAT_VERSION = '1.0';

// dnf5's spelling of transaction item reasons (libdnf5 transaction_item_reason_to_string).
const REASONS: Record<ManifestReason['kind'], string> = {
  user: 'User',
  group: 'Group',
  dependency: 'Dependency',
  'weak-dependency': 'Weak Dependency',
  unknown: 'None',
};

/** dnf's full NEVRA, epoch always written (`name-0:1.0-1.fc43.x86_64`), as stored transactions use it. */
export function fullNevra(p: Pick<ManifestPackage, 'name' | 'epoch' | 'version' | 'release' | 'arch'>): string {
  return `${p.name}-${p.epoch}:${p.version}-${p.release}.${p.arch}`;
}

/** Writes the transaction: every package as an Install with its reason and repo; groups and environments from the request when given. */
export function exportTransactionJson(manifest: Manifest, request?: ImagePackageRequest): string {
  const rpms = manifest.packages
    .map((p) => {
      const item: Record<string, string> = { action: 'Install', nevra: fullNevra(p), reason: REASONS[p.reason.kind], repo_id: p.repo };
      if (p.reason.kind === 'group') item['group_id'] = p.reason.group;
      return item;
    })
    .sort((a, b) => ((a['nevra'] as string) < (b['nevra'] as string) ? -1 : 1));
  const selections = request ? requestGroups(request) : [];
  const groupItem = (g: (typeof selections)[number]): Record<string, string> => ({
    action: 'Install',
    id: g.id,
    // dnf5 group_package_types: mandatory and conditional always, default unless --nodefaults, optional with --optional.
    package_types: ['mandatory', ...(g.noDefaults ? [] : ['default']), 'conditional', ...(g.withOptional ? ['optional'] : [])].join(', '),
    reason: 'User',
  });
  const byId = (a: Record<string, string>, b: Record<string, string>): number => ((a['id'] as string) < (b['id'] as string) ? -1 : 1);
  return canonicalJson({
    environments: selections.filter((g) => g.kind === 'environment').map(groupItem).sort(byId),
    groups: selections.filter((g) => g.kind === 'group').map(groupItem).sort(byId),
    rpms,
    version: TRANSACTION_FORMAT_VERSION,
  });
}
