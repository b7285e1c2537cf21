/** A small rpm-md primary.xml writer for the shadow repository of overlaid packages. */
import type { PackageDep, PackageRecord } from '../../resolve/types.ts';
import { splitEvr } from '../../rpm/evr.ts';

/** A package to write: its record plus the `<file>` elements of its upstream entry, copied verbatim. */
export interface PrimaryPackage {
  record: PackageRecord;
  /** Already-escaped `<file …>…</file>` elements. */
  fileElements: string[];
}

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

const DEP_LISTS = ['provides', 'requires', 'conflicts', 'obsoletes', 'suggests', 'enhances', 'recommends', 'supplements'] as const;

function packageXml(p: PrimaryPackage): string {
  const r = p.record;
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
  lines.push(...p.fileElements.map((f) => `    ${f}`), '  </format>', '</package>');
  return lines.join('\n');
}

/** Writes a complete primary.xml for PACKAGES, in the order given. */
export function writePrimaryXml(packages: readonly PrimaryPackage[]): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="${packages.length}">`,
    ...packages.map(packageXml),
    '</metadata>',
    '',
  ].join('\n');
}
