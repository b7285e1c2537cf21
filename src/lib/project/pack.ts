/** Making a metadata pack (see `lib/repo/pack-format.ts`) from a loaded repository, with the same resolver module the browser runs. */
import { buildSearchIndex, digestHex, PACK_FILES, PACK_FORMAT, PACK_VERSION, searchIndexToJson, solvFormatVersion, type LoadedRepoFiles, type PackIndex, type PackRepomdFacts, type RepomdData } from '../repo/index.ts';
import { gzipSync } from 'fflate';
import type { Resolver } from '../resolve/resolver.ts';
import { advisoriesOf } from './build/loaded-repo.ts';
import { err, ok, type Result } from '../result.ts';

/** What a pack is made from. */
export interface PackInput {
  /** Pool id the pack is made under (loaders may use another). */
  id: string;
  /** Where the metadata came from, as the user gave it. */
  source: string;
  files: LoadedRepoFiles;
  /** The repository's filelists as served (compressed), to keep in the pack; omitted to leave them out. */
  filelists?: { entry: RepomdData; bytes: Uint8Array };
  /** More provenance (licence, where the data was copied from), appended to PROVENANCE.md. */
  provenance?: string;
  /** The command that makes this pack again. */
  rebuild: string;
}

const encoder = new TextEncoder();

function provenanceNote(input: PackInput, libsolv: string, solvables: number, formatVersion: number): string {
  const info = input.files.info;
  const lines = [
    `# Metadata pack: ${info.label}`,
    '',
    `Made by \`azl-playground pack\` from ${input.source}.`,
    '',
    `- repomd.xml revision ${info.revision}, sha256 ${info.repomdChecksum}; the checksums and timestamps of its files are in ${PACK_FILES.repomd}.`,
    `- ${PACK_FILES.solv}: ${solvables} solvables written by libsolv ${libsolv} (.solv format v${formatVersion}), from primary.xml${input.files.updateinfo ? ' and updateinfo.xml' : ''}.`,
    `- ${PACK_FILES.search}: the playground's package search index; ${input.files.comps ? `${PACK_FILES.comps}: the comps groups and environments` : 'no comps in this repository'}${input.files.updateinfo ? `; ${PACK_FILES.advisories}: the advisories of its updateinfo.xml` : ''}.`,
    input.filelists ? `- ${input.filelists.entry.href.split('/').pop()}: the repository's own file lists, read only when a requested path needs them.` : '- File lists left out: requests for paths outside /usr/bin, /usr/sbin and /etc cannot be answered from this pack.',
    `- Make it again: \`${input.rebuild}\``,
  ];
  if (input.provenance) lines.push('', '## Source', '', input.provenance.trim());
  return `${lines.join('\n')}\n`;
}

/**
 * Parses the repository with RESOLVER (a fresh pool is not required; the repository is removed
 * again) and returns the pack's files by name, `pack.json` last. Equal inputs give equal bytes.
 */
export async function makePack(resolver: Resolver, input: PackInput): Promise<Result<Map<string, Uint8Array>, string>> {
  const { files } = input;
  const loaded = await resolver.loadRpmmd({ id: input.id }, { primary: files.primary, ...(files.updateinfo ? { updateinfo: files.updateinfo } : {}) });
  if (!loaded.ok) return err(`${files.info.label}: ${loaded.message}`);
  const solv = resolver.solvOf(input.id) as Uint8Array;
  const searchIndex = buildSearchIndex(resolver.packageList(input.id));
  resolver.removeRepo(input.id);
  const read = advisoriesOf(input.id, files.updateinfo);
  if (read.advisoryError) return err(`${files.info.label}: ${read.advisoryError}`);
  const formatVersion = solvFormatVersion(solv);
  if (formatVersion === undefined) return err('the resolver wrote no .solv header (a broken build of wasm/dist?)');

  const out = new Map<string, Uint8Array>();
  const opened = new Map<string, Uint8Array>();
  // gzip with a fixed header (no time, no name): equal inputs give equal packs
  const packed = (name: string, bytes: Uint8Array) => {
    opened.set(name, bytes);
    out.set(name, gzipSync(bytes, { level: 9, mtime: 0 }));
  };
  packed(PACK_FILES.solv, solv);
  packed(PACK_FILES.search, encoder.encode(searchIndexToJson(searchIndex)));
  if (files.comps) out.set(PACK_FILES.comps, encoder.encode(JSON.stringify(files.comps)));
  if (read.advisories) packed(PACK_FILES.advisories, encoder.encode(JSON.stringify(read.advisories)));
  const repomd: PackRepomdFacts = {
    revision: files.info.revision,
    repomdSha256: files.info.repomdChecksum,
    data: Object.values(files.info.repomd.data).sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0)),
    ...(files.info.packageCount !== undefined ? { packageCount: files.info.packageCount } : {}),
  };
  out.set(PACK_FILES.repomd, encoder.encode(`${JSON.stringify(repomd, null, 1)}\n`));
  out.set(PACK_FILES.provenance, encoder.encode(provenanceNote(input, resolver.version.libsolv, loaded.solvables, formatVersion)));
  let filelists: PackIndex['filelists'];
  if (input.filelists) {
    const file = input.filelists.entry.href.split('/').pop() as string;
    out.set(file, input.filelists.bytes);
    filelists = { file, entry: input.filelists.entry };
  }

  const listed: PackIndex['files'] = {};
  for (const name of [...out.keys()].sort()) {
    if (name === filelists?.file) continue;
    const bytes = out.get(name) as Uint8Array;
    const open = opened.get(name);
    listed[name] = { sha256: (await digestHex('sha256', bytes)) as string, size: bytes.length, ...(open ? { openSize: open.length, openSha256: (await digestHex('sha256', open)) as string } : {}) };
  }
  const index: PackIndex = {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    id: input.id,
    label: files.info.label,
    source: input.source,
    solv: { formatVersion, libsolv: resolver.version.libsolv, abiVersion: resolver.version.abiVersion, solvables: loaded.solvables },
    rebuild: input.rebuild,
    ...(filelists ? { filelists } : {}),
    files: listed,
  };
  out.set(PACK_FILES.index, encoder.encode(`${JSON.stringify(index, null, 1)}\n`));
  return ok(out);
}
