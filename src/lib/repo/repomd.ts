/** Reads repomd.xml, the index of an rpm-md repository, into typed facts. */
import { fail, ok, type RepoResult } from './errors.ts';
import { looksLikeHtml, readXml } from './xml.ts';

/** A checksum as rpm-md writes it: algorithm name (`sha256`, `sha512`, `sha1`, …) and lowercase hex value. */
export interface Checksum {
  type: string;
  value: string;
}

/** One `<data type="…">` entry of repomd.xml. */
export interface RepomdData {
  type: string;
  /** `location href`, relative to the repository root, e.g. `repodata/…-primary.xml.gz`. */
  href: string;
  checksum: Checksum;
  /** Checksum of the decompressed file, when the file is compressed. */
  openChecksum?: Checksum;
  size?: number;
  openSize?: number;
  timestamp?: number;
}

/** What repomd.xml says about a repository. */
export interface RepomdInfo {
  revision: string;
  /** Data entries by type (`primary`, `filelists`, `group_gz`, …). */
  data: Record<string, RepomdData>;
}

const REPOMD_FILE = 'repomd.xml';

/** Parses repomd.xml text; fails with a located diagnostic on malformed XML, and clearly on HTML or a missing primary. */
export function parseRepomd(xmlText: string, file = REPOMD_FILE): RepoResult<RepomdInfo> {
  if (looksLikeHtml(xmlText)) {
    return fail(
      'repo/html-not-xml',
      `${file} is an HTML page, not repository metadata.`,
      'The server answered with a web page (an error page or a directory listing). Check that the URL is the repository root, the folder that contains repodata/.',
    );
  }
  let revision = '';
  const data: Record<string, RepomdData> = {};
  let current: Partial<RepomdData> & { type?: string } = {};
  let inData = false;
  let fieldAttrs: Record<string, string> = {};
  let text = '';
  const outcome = readXml(
    xmlText,
    file,
    {
      open(name, attrs) {
        text = '';
        fieldAttrs = attrs;
        if (name === 'data') {
          inData = true;
          current = { type: attrs.type ?? '' };
        } else if (name === 'location' && inData) {
          current.href = attrs.href ?? '';
        }
      },
      text(chunk) {
        text += chunk;
      },
      close(name) {
        const value = text.trim();
        if (name === 'revision' && !inData) revision = value;
        if (inData) {
          if (name === 'checksum') current.checksum = { type: (fieldAttrs.type ?? '').toLowerCase(), value: value.toLowerCase() };
          else if (name === 'open-checksum') current.openChecksum = { type: (fieldAttrs.type ?? '').toLowerCase(), value: value.toLowerCase() };
          else if (name === 'size') current.size = toNumber(value);
          else if (name === 'open-size') current.openSize = toNumber(value);
          else if (name === 'timestamp') current.timestamp = toNumber(value);
          else if (name === 'data') {
            inData = false;
            if (current.type && current.href && current.checksum) data[current.type] = current as RepomdData;
          }
        }
        text = '';
      },
    },
    'repo/malformed-xml',
  );
  if (!outcome.ok) {
    const d = outcome.diagnostic;
    return fail('repo/malformed-xml', `${file}:${d.line}:${d.col}: ${d.message}`, 'The file is damaged or was cut off; fetch it again or check the mirror.', d);
  }
  if (outcome.root === 'html') return parseRepomd('<html>', file);
  if (outcome.root !== 'repomd') {
    return fail('repo/not-repomd', `${file} is XML but not repomd.xml (its root element is <${outcome.root}>).`, 'Point at the repository root, the folder that contains repodata/repomd.xml.');
  }
  if (!data.primary) {
    return fail(
      'repo/missing-primary',
      `${file} lists no primary metadata (types found: ${Object.keys(data).join(', ') || 'none'}).`,
      'A repository needs primary.xml to be resolvable; this repomd.xml is incomplete or belongs to another kind of repository.',
    );
  }
  return ok({ revision, data });
}

function toNumber(text: string): number | undefined {
  const n = Number(text);
  return Number.isFinite(n) && text !== '' ? n : undefined;
}
