/** Reads one image's description (KIWI, kickstart or the playground table) into the common image request. */
import type { Diagnostic } from '../../diagnostics.ts';
import type { ResolvedProject } from '../../config/index.ts';
import { kickstartToRequest, parseKickstart } from '../../image/kickstart/index.ts';
import { kiwiToRequest, parseKiwi } from '../../image/kiwi/index.ts';
import { parsePlaygroundImage } from '../../image/playground.ts';
import type { ImagePackageRequest } from '../../image/request.ts';
import type { ImageEntry } from './types.ts';

/** What the image description asks for, and the files it was read from. */
export interface DescribedRequest {
  request: ImagePackageRequest | null;
  /** The KIWI profiles in use (chosen plus required), or null for formats without profiles. */
  profile: string | null;
  /** Files of the description (entry first), for the project hash. */
  files: string[];
  diagnostics: Diagnostic[];
}

/** Options of `describeImage`. */
export interface DescribeOptions {
  profile?: string;
  arch: string;
  /** `langpacks-*` names the loaded repositories offer, for the kickstart installer layer. */
  availableLangpacks?: ReadonlySet<string>;
}

/** Builds the image request of ENTRY from its description file or playground table. */
export function describeImage(project: ResolvedProject, files: ReadonlyMap<string, string>, entry: ImageEntry, opts: DescribeOptions): DescribedRequest {
  const diagnostics: Diagnostic[] = [];
  const at = entry.loc;
  if (opts.profile !== undefined && entry.kind !== 'kiwi') {
    diagnostics.push({ file: at.file, line: at.line, col: at.col, severity: 'warning', code: 'image/profile-ignored', message: `image ${entry.name} is a ${entry.kind} image; profile "${opts.profile}" is ignored`, hint: 'Profiles exist only in KIWI descriptions.' });
  }
  if (entry.kind === 'kiwi' && entry.path) {
    const parsed = parseKiwi(files, entry.path);
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.description) return { request: null, profile: null, files: [entry.path], diagnostics };
    const chosen = opts.profile ?? entry.profile;
    const mapped = kiwiToRequest(parsed.description, { profiles: chosen ? [chosen] : [], arch: opts.arch });
    diagnostics.push(...mapped.diagnostics);
    return { request: mapped.request, profile: chosen ?? (mapped.usedProfiles.length > 0 ? mapped.usedProfiles.join(',') : null), files: parsed.description.files, diagnostics };
  }
  if (entry.kind === 'kickstart' && entry.path) {
    const parsed = parseKickstart(files, entry.path);
    diagnostics.push(...parsed.diagnostics);
    const request = kickstartToRequest(parsed.document, { arch: opts.arch, ...(opts.availableLangpacks ? { availableLangpacks: opts.availableLangpacks } : {}) });
    return { request, profile: null, files: parsed.document.files, diagnostics };
  }
  if (entry.kind === 'playground') {
    const image = project.images[entry.name];
    const parsed = parsePlaygroundImage(image?.value.playground, {
      file: at.file,
      image: entry.name,
      arch: opts.arch,
      locate: (key) => image?.provenance[key ? `playground.${key}` : 'playground']?.line ?? at.line,
    });
    diagnostics.push(...parsed.diagnostics);
    return { request: parsed.request, profile: null, files: [], diagnostics };
  }
  diagnostics.push({ file: at.file, line: at.line, col: at.col, severity: 'error', code: 'image/no-definition', message: `image ${entry.name} has neither a definition path nor a [images.${entry.name}.playground] table`, hint: 'Add definition = { type = "kiwi", path = "…" } or a playground table.' });
  return { request: null, profile: null, files: [], diagnostics };
}
