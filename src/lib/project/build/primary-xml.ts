/** A small rpm-md primary.xml writer for the shadow repository of overlaid packages, and its records as libsolv reads them back. */
import { DEP_LISTS } from '../../resolve/record-lines.ts';
import type { PackageDep, PackageRecord } from '../../resolve/types.ts';
import { splitEvr } from '../../rpm/evr.ts';

// XML 1.0 allows only these characters; anything else would make libsolv's parser stop.
const INVALID_XML_CHARS = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Escapes text for XML content and double-quoted attributes, dropping characters XML cannot carry. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML_CHARS, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function entry(dep: PackageDep): string {
  const attrs = [`name="${escapeXml(dep.name)}"`];
  if (dep.flags && dep.evr !== undefined) {
    const { epoch, version: ver, release: rel } = splitEvr(dep.evr);
    attrs.push(`flags="${dep.flags}"`, `epoch="${escapeXml(epoch)}"`, `ver="${escapeXml(ver)}"`);
    if (rel !== null) attrs.push(`rel="${escapeXml(rel)}"`);
  }
  if (dep.pre) attrs.push('pre="1"');
  return `      <rpm:entry ${attrs.join(' ')}/>`;
}

function packageXml(r: PackageRecord): string {
  const { epoch, version: ver, release: rel } = splitEvr(r.evr);
  const lines = [
    '<package type="rpm">',
    `  <name>${escapeXml(r.name)}</name>`,
    `  <arch>${escapeXml(r.arch)}</arch>`,
    `  <version epoch="${escapeXml(epoch)}" ver="${escapeXml(ver)}" rel="${escapeXml(rel ?? '')}"/>`,
    `  <checksum type="${escapeXml(r.checksumType)}" pkgid="YES">${escapeXml(r.checksum)}</checksum>`,
    `  <summary>${escapeXml(r.summary)}</summary>`,
    `  <description>${escapeXml(r.description)}</description>`,
    '  <packager></packager>',
    '  <url></url>',
    '  <time file="0" build="0"/>',
    `  <size package="${r.downloadSize}" installed="${r.installSize}" archive="0"/>`,
    `  <location href="${escapeXml(r.location)}"/>`,
    '  <format>',
    `    <rpm:license>${escapeXml(r.license)}</rpm:license>`,
    `    <rpm:sourcerpm>${escapeXml(r.sourcerpm)}</rpm:sourcerpm>`,
    '    <rpm:header-range start="0" end="0"/>',
  ];
  for (const kind of DEP_LISTS) {
    const deps = r[kind];
    if (deps.length === 0) continue;
    lines.push(`    <rpm:${kind}>`, ...deps.map(entry), `    </rpm:${kind}>`);
  }
  // libsolv keeps no `type="dir"`/`type="ghost"` in its records, and solving never reads them
  lines.push(...r.files.map((f) => `    <file>${escapeXml(f)}</file>`), '  </format>', '</package>');
  return lines.join('\n');
}

/** Writes a complete primary.xml for PACKAGES, in the order given. */
export function writePrimaryXml(packages: readonly PackageRecord[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${packages.length}">`,
    ...packages.map(packageXml),
    '</metadata>',
    '',
  ].join('\n');
}

// What an XML parser hands on: line ends as "\n" (XML 1.0 §2.11), and in attribute values every
// tab and line end as a space (§3.3.3); text escapeXml dropped never arrives.
const asContent = (text: string): string => text.replace(INVALID_XML_CHARS, '').replace(/\r\n?/g, '\n');
const asAttribute = (text: string): string => asContent(text).replace(/[\t\n]/g, ' ');

/** An EVR as libsolv's rpm-md reader joins epoch, ver and rel: epoch 0 left out unless ver looks like it has one, "-rel" whenever rel is given. */
function joinEvr(epoch: string, ver: string, rel: string | null): string {
  const e = epoch === '' || epoch === '0' ? (/^[0-9]+:/.test(ver) ? '0' : null) : epoch;
  return `${e !== null ? `${e}:` : ''}${ver}${rel !== null ? `-${rel}` : ''}`;
}

function readBackDep(dep: PackageDep): PackageDep {
  const out: PackageDep = { name: asAttribute(dep.name) };
  if (dep.flags && dep.evr !== undefined) {
    const { epoch, version, release } = splitEvr(dep.evr);
    out.flags = dep.flags;
    out.evr = joinEvr(asAttribute(epoch), asAttribute(version), release !== null ? asAttribute(release) : null);
  }
  if (dep.pre) out.pre = true;
  return out;
}

/**
 * PACKAGES as libsolv's rpm-md reader gets them from writePrimaryXml's XML (characters dropped,
 * line ends and attribute whitespace normalised, EVRs rejoined), so loading these records without
 * XML gives the repository that XML would.
 */
export function readBackRecords(packages: readonly PackageRecord[]): PackageRecord[] {
  return packages.map((r) => {
    const { epoch, version, release } = splitEvr(r.evr);
    const lists = Object.fromEntries(DEP_LISTS.map((list) => [list, r[list].map(readBackDep)])) as Pick<PackageRecord, (typeof DEP_LISTS)[number]>;
    return {
      ...r,
      ...lists,
      name: asContent(r.name),
      arch: asContent(r.arch),
      evr: joinEvr(asAttribute(epoch), asAttribute(version), asAttribute(release ?? '')),
      checksumType: asAttribute(r.checksumType),
      checksum: asContent(r.checksum),
      summary: asContent(r.summary),
      description: asContent(r.description),
      location: asAttribute(r.location),
      license: asContent(r.license),
      sourcerpm: asContent(r.sourcerpm),
      files: r.files.map(asContent),
    };
  });
}
