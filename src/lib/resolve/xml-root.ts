/** A cheap look at the start of an XML file: what its root element is, before libsolv parses it. */

const ROOT_PROBE_BYTES = 4096;

/** The name of the first element of XML BYTES, or a description of what the bytes are instead. */
export function sniffXmlRoot(bytes: Uint8Array): { root: string } | { notXml: string } {
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { notXml: 'gzip-compressed data (decompress it first)' };
  if (bytes[0] === 0x28 && bytes[1] === 0xb5 && bytes[2] === 0x2f && bytes[3] === 0xfd) return { notXml: 'zstd-compressed data (decompress it first)' };
  if (bytes[0] === 0xfd && bytes[1] === 0x37 && bytes[2] === 0x7a) return { notXml: 'xz-compressed data (decompress it first)' };
  const head = new TextDecoder().decode(bytes.subarray(0, ROOT_PROBE_BYTES)).replace(/^\uFEFF/, '');
  const rest = head.replace(/^(\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  const m = /^<([A-Za-z_][\w.:-]*)/.exec(rest);
  if (!m) return { notXml: rest.trim() === '' ? 'an empty file' : 'not XML' };
  return { root: m[1]!.replace(/^.*:/, '') };
}

/** Checks that BYTES is an XML document whose root element is EXPECTED; returns a message if not. */
export function checkXmlRoot(bytes: Uint8Array, expected: string, what: string): string | undefined {
  const sniffed = sniffXmlRoot(bytes);
  if ('notXml' in sniffed) return `${what} is ${sniffed.notXml}, not rpm-md XML with a <${expected}> root`;
  if (sniffed.root !== expected)
    return `${what} has a <${sniffed.root}> root element where rpm-md has <${expected}>` +
      (sniffed.root.toLowerCase() === 'html' ? ' (an HTML page, e.g. a server error page, was served instead of metadata)' : '');
  return undefined;
}
