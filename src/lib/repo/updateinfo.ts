/** Reads updateinfo.xml, an rpm-md repository's advisories (security, bugfix, enhancement), into typed records. */
import { fail, ok, type RepoResult } from './errors.ts';
import { looksLikeHtml, readXml } from './xml.ts';

/** A `<reference>` of an advisory: a bug, a CVE, another advisory. */
export interface AdvisoryReference {
  type: string;
  id: string;
  href: string;
  title: string;
}

/** A package an advisory ships: the fixed build of `name` for `arch`. */
export interface AdvisoryPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
  /** `<filename>`, when given. */
  filename?: string;
}

/** One `<update>` of updateinfo.xml. */
export interface Advisory {
  id: string;
  /** `security`, `bugfix`, `enhancement`, `newpackage`, … as the repository spells it. */
  type: string;
  /** `Critical`, `Important`, `Moderate`, `Low`, … as the repository spells it; empty when it gives none. */
  severity: string;
  title: string;
  issued: string | null;
  updated: string | null;
  /** CVE ids from `type="cve"` references and from any reference or title that names one, sorted. */
  cves: string[];
  references: AdvisoryReference[];
  packages: AdvisoryPackage[];
}

const CVE = /\bCVE-\d{4}-\d{4,}\b/g;

function cvesOf(advisory: Advisory): string[] {
  const found = new Set<string>();
  for (const r of advisory.references) {
    if (r.type.toLowerCase() === 'cve' && r.id) found.add(r.id.toUpperCase());
    for (const text of [r.id, r.title]) for (const m of text.toUpperCase().matchAll(CVE)) found.add(m[0]);
  }
  for (const m of advisory.title.toUpperCase().matchAll(CVE)) found.add(m[0]);
  return [...found].sort();
}

/** Parses updateinfo.xml; fails with a located diagnostic on malformed XML and clearly on HTML or another document. */
export function parseUpdateinfo(xml: string | Uint8Array, file = 'updateinfo.xml'): RepoResult<Advisory[]> {
  const text = typeof xml === 'string' ? xml : new TextDecoder().decode(xml);
  if (looksLikeHtml(text)) {
    return fail('repo/html-not-xml', `${file} is an HTML page, not repository metadata.`, 'The server answered with a web page; check that the URL is the repository root, the folder that contains repodata/.');
  }
  const advisories: Advisory[] = [];
  let current: Advisory | null = null;
  let pkg: AdvisoryPackage | null = null;
  let buffer = '';
  // Only the short fields are collected; descriptions can be long and are not needed.
  const collected = new Set(['id', 'title', 'severity', 'filename']);
  const outcome = readXml(
    text,
    file,
    {
      open(name, attrs) {
        buffer = '';
        if (name === 'update') {
          current = { id: '', type: attrs.type ?? '', severity: '', title: '', issued: null, updated: null, cves: [], references: [], packages: [] };
        } else if (!current) {
          return;
        } else if (name === 'issued') current.issued = attrs.date ?? null;
        else if (name === 'updated') current.updated = attrs.date ?? null;
        else if (name === 'reference') current.references.push({ type: attrs.type ?? '', id: attrs.id ?? '', href: attrs.href ?? '', title: attrs.title ?? '' });
        else if (name === 'package') {
          const epoch = Number(attrs.epoch ?? '0');
          pkg = { name: attrs.name ?? '', epoch: Number.isInteger(epoch) && epoch >= 0 ? epoch : 0, version: attrs.version ?? '', release: attrs.release ?? '', arch: attrs.arch ?? '' };
        }
      },
      text(chunk) {
        if (current) buffer += chunk;
      },
      close(name) {
        const value = buffer.trim();
        buffer = '';
        if (!current) return;
        if (name === 'update') {
          current.cves = cvesOf(current);
          if (current.id) advisories.push(current);
          current = null;
        } else if (name === 'package' && pkg) {
          if (pkg.name && pkg.version && pkg.arch) current.packages.push(pkg);
          pkg = null;
        } else if (collected.has(name)) {
          if (name === 'filename') {
            if (pkg) pkg.filename = value;
          } else if (!pkg) current[name as 'id' | 'title' | 'severity'] = value;
        }
      },
    },
    'repo/malformed-xml',
  );
  if (!outcome.ok) {
    const d = outcome.diagnostic;
    return fail('repo/malformed-xml', `${file}:${d.line}:${d.col}: ${d.message}`, 'The file is damaged or was cut off; fetch it again or check the mirror.', d);
  }
  if (outcome.root !== 'updates') {
    return fail('repo/not-updateinfo', `${file} is XML but not updateinfo.xml (its root element is <${outcome.root}>).`, 'Advisories come from the repository\'s updateinfo.xml, whose root element is <updates>.');
  }
  return ok(advisories);
}
