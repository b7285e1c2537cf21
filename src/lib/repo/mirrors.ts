/** dnf mirror lists: metalink and mirrorlist parsing (the URL helpers are in repo-url.ts, which the page uses without the XML parser). */
import { fail, ok, type RepoResult } from './errors.ts';
import type { Checksum } from './repomd.ts';
import { looksLikeHtml, readXml } from './xml.ts';

export { expandRepoVars, repoRootOf, type RepoVars } from './repo-url.ts';

/** What a metalink says: candidate repomd.xml URLs by preference, and the checksums repomd.xml must have. */
export interface Metalink {
  /** Full URLs of repomd.xml, best first. */
  urls: string[];
  /** The current hash plus alternates (mirrors that lag one revision are still valid). */
  repomdChecksums: Checksum[];
  size?: number;
}

/** Parses a metalink document (as served by mirrors.fedoraproject.org/metalink). */
export function parseMetalink(xmlText: string, file = 'metalink'): RepoResult<Metalink> {
  if (looksLikeHtml(xmlText)) {
    return fail('repo/html-not-xml', `${file} is an HTML page, not a metalink.`, 'Check the metalink URL; it usually ends in ?repo=…&arch=….');
  }
  const candidates: { url: string; preference: number; order: number }[] = [];
  const repomdChecksums: Checksum[] = [];
  let inRepomd = false;
  let fileDepth = 0;
  let size: number | undefined;
  let attrs: Record<string, string> = {};
  let text = '';
  const outcome = readXml(
    xmlText,
    file,
    {
      open(name, tagAttrs) {
        attrs = tagAttrs;
        text = '';
        if (name === 'file') {
          fileDepth++;
          inRepomd = (tagAttrs.name ?? '') === 'repomd.xml';
        }
      },
      text(chunk) {
        text += chunk;
      },
      close(name) {
        const value = text.trim();
        text = '';
        if (name === 'file') {
          fileDepth--;
          if (fileDepth === 0) inRepomd = false;
        }
        if (!inRepomd) return;
        if (name === 'hash' && attrs.type && value) repomdChecksums.push({ type: attrs.type.toLowerCase(), value: value.toLowerCase() });
        else if (name === 'size' && size === undefined && /^\d+$/.test(value)) size = Number(value);
        else if (name === 'url' && value) {
          const protocol = (attrs.protocol ?? value.split(':')[0] ?? '').toLowerCase();
          if (protocol === 'http' || protocol === 'https') candidates.push({ url: value, preference: Number(attrs.preference ?? '0') || 0, order: candidates.length });
        }
      },
    },
    'repo/malformed-xml',
  );
  if (!outcome.ok) {
    const d = outcome.diagnostic;
    return fail('repo/malformed-xml', `${file}:${d.line}:${d.col}: ${d.message}`, 'The metalink is damaged or was cut off; fetch it again.', d);
  }
  // Browsers can read only http(s); prefer https (mixed content is blocked on https pages), then the metalink's preference.
  candidates.sort((a, b) => Number(b.url.startsWith('https:')) - Number(a.url.startsWith('https:')) || b.preference - a.preference || a.order - b.order);
  if (!candidates.length) {
    return fail('repo/no-mirror', `${file} lists no http(s) mirror for repomd.xml.`, 'Use a baseurl instead, or try the metalink again later.');
  }
  const metalink: Metalink = { urls: candidates.map((c) => c.url), repomdChecksums };
  if (size !== undefined) metalink.size = size;
  return ok(metalink);
}

/** Parses a mirrorlist (one base URL per line, `#` comments) into http(s) base URLs, https first, order otherwise kept. */
export function parseMirrorlist(text: string, file = 'mirrorlist'): RepoResult<string[]> {
  if (looksLikeHtml(text)) {
    return fail('repo/html-not-xml', `${file} is an HTML page, not a mirror list.`, 'Check the mirrorlist URL.');
  }
  const urls = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#') && /^https?:\/\//i.test(line));
  if (!urls.length) return fail('repo/no-mirror', `${file} lists no http(s) mirror.`, 'Use a baseurl instead, or try again later.');
  return ok([...urls.filter((u) => u.startsWith('https:')), ...urls.filter((u) => !u.startsWith('https:'))]);
}
