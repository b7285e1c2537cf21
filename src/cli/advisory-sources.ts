/** `--advisories DIR|ARCHIVE|URL`: repositories read for their updateinfo only (their packages are not used). */
import { parseUpdateinfo } from '../lib/repo/index.ts';
import type { AdvisorySource, AffectingAdvisory } from '../lib/supply/index.ts';
import { loadRepoArgument } from './repo-source.ts';

/** Reads each argument as a repository and its updateinfo.xml; an error names the argument and what to do. */
export async function loadAdvisorySources(args: readonly string[], cwd: string): Promise<AdvisorySource[] | string> {
  const out: AdvisorySource[] = [];
  for (const arg of args) {
    const files = await loadRepoArgument(arg, cwd);
    if (!files.ok) return `--advisories ${arg}: ${files.error.message}${files.error.hint ? ` (${files.error.hint})` : ''}`;
    if (!files.value.updateinfo) return `--advisories ${arg}: the repository has no updateinfo.xml (repomd.xml lists none), so it carries no advisories`;
    const parsed = parseUpdateinfo(files.value.updateinfo, `${arg}: updateinfo.xml`);
    if (!parsed.ok) return `--advisories ${arg}: ${parsed.error.message}`;
    const id = arg.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(/\/repodata$/, '').split('/').pop() || 'advisories';
    out.push({ repo: id, advisoryOnly: true, advisories: parsed.value });
  }
  return out;
}

/** Lines for stderr: one per affecting advisory, then the count by severity. */
export function advisoryLines(advisories: readonly AffectingAdvisory[]): string {
  if (advisories.length === 0) return '';
  const bySeverity = new Map<string, number>();
  for (const a of advisories) bySeverity.set(a.severity, (bySeverity.get(a.severity) ?? 0) + 1);
  const lines = advisories.map((a) => `advisory: ${a.id} ${a.severity} ${a.type}${a.cves.length ? ` ${a.cves.join(' ')}` : ''}: ${a.packages.map((p) => `${p.installed} → ${p.fixed}`).join(', ')}`);
  lines.push(`advisories: ${advisories.length} (${[...bySeverity].sort(([a], [b]) => (a < b ? -1 : 1)).map(([s, n]) => `${s} ${n}`).join(', ')})`);
  return `${lines.join('\n')}\n`;
}
