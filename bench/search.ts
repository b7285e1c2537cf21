/** Benchmark of the package search index over the 63,440-package Debian-as-rpm-md fixture (Node; not a test). */
import { createReadStream, readdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { buildSearchIndex, searchPackages, type SearchPackageInput } from '../src/lib/repo/search-index.ts';

const DEBIAN_REPODATA = join(import.meta.dirname, '../../shared/fixtures/repodata/debian-bookworm-as-rpmmd/repodata');

/** What a user types, keystroke by keystroke, plus a few provide and summary searches. */
const QUERIES = [
  'p', 'py', 'pyt', 'pyth', 'pytho', 'python', 'python3', 'python3-',
  'n', 'ng', 'ngi', 'ngin', 'nginx',
  'g', 'gn', 'gno', 'gnom', 'gnome', 'gnome-shell',
  'libssl', 'libc6', 'openssh-server', 'xml parser', 'web server', 'perl', 'kde', 'texlive', 'rust', 'zzz-no-match',
];

/** Streams primary.xml.gz through DecompressionStream and saxes, keeping only what the index needs. */
async function readPrimaryPackages(path: string): Promise<SearchPackageInput[]> {
  const packages: SearchPackageInput[] = [];
  const parser = new SaxesParser();
  let current: SearchPackageInput | undefined;
  let field = '';
  let text = '';
  let inProvides = false;
  parser.on('opentag', (tag) => {
    const name = tag.name.replace(/^rpm:/, '');
    // Without xmlns processing saxes gives attribute values as plain strings.
    const attr = (key: string) => (tag.attributes[key] as string | undefined) ?? '';
    if (name === 'package') current = { name: '', evr: '', arch: '', repo: 'debian', summary: '', provides: [] };
    else if (current && name === 'version') current.evr = `${attr('epoch') !== '0' && attr('epoch') ? `${attr('epoch')}:` : ''}${attr('ver')}-${attr('rel')}`;
    else if (name === 'provides') inProvides = true;
    else if (current && inProvides && name === 'entry') current.provides.push(attr('name'));
    field = name;
    text = '';
  });
  parser.on('text', (t) => {
    if (field === 'name' || field === 'arch' || field === 'summary') text += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name.replace(/^rpm:/, '');
    if (current && (name === 'name' || name === 'arch' || name === 'summary') && field === name) current[name] = text;
    else if (name === 'provides') inProvides = false;
    else if (name === 'package' && current) {
      packages.push(current);
      current = undefined;
    }
    field = '';
  });
  const decoded = (Readable.toWeb(createReadStream(path)) as unknown as ReadableStream<Uint8Array>).pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>).pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>);
  const reader = decoded.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parser.write(value);
  }
  parser.close();
  return packages;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] as number;
}

/** Builds the index from the Debian fixture and times queries; parse time is reported but is not the index's cost. */
export async function benchSearch(): Promise<{ label: string; ms: number; note?: string }[]> {
  const primary = readdirSync(DEBIAN_REPODATA).find((f) => f.endsWith('-primary.xml.gz'));
  if (!primary) throw new Error(`no primary.xml.gz in ${DEBIAN_REPODATA}`);
  let t = performance.now();
  const packages = await readPrimaryPackages(join(DEBIAN_REPODATA, primary));
  const parseMs = performance.now() - t;
  t = performance.now();
  const index = buildSearchIndex(packages);
  const buildMs = performance.now() - t;
  // Warm up the JIT the way a few keystrokes would.
  for (const q of QUERIES) searchPackages(index, q, 50);
  const times: number[] = [];
  const perQuery = new Map<string, number>();
  for (let round = 0; round < 5; round++) {
    for (const q of QUERIES) {
      const start = performance.now();
      searchPackages(index, q, 50);
      const ms = performance.now() - start;
      times.push(ms);
      perQuery.set(q, Math.max(perQuery.get(q) ?? 0, ms));
    }
  }
  times.sort((a, b) => a - b);
  const [slowest, slowestMs] = [...perQuery.entries()].reduce((a, b) => (b[1] > a[1] ? b : a));
  const top = searchPackages(index, 'python3', 3).map((h) => `${h.name} (${h.match})`).join(', ');
  return [
    { label: 'search: parse Debian primary.xml.gz (bench input only)', ms: parseMs, note: `${packages.length} packages` },
    { label: 'search: build index', ms: buildMs, note: `${index.names.length} names` },
    { label: 'search: query p50', ms: percentile(times, 0.5), note: `${times.length} queries, limit 50; target < 30 ms` },
    { label: 'search: query p95', ms: percentile(times, 0.95) },
    { label: 'search: slowest query', ms: slowestMs, note: `"${slowest}"; "python3" → ${top}` },
  ];
}
