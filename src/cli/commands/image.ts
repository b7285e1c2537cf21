/** `azl-playground image`: resolve one image of a project and write an export (manifest, SPDX, kickstart, KIWI, NEVRA list). */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { buildImageExport, IMAGE_EXPORT_FORMATS, type ImageExportFormat } from '../../lib/project/build/index.ts';
import { Resolver } from '../../lib/resolve/resolver.ts';
import type { CliCommand, CliIo } from '../io.ts';
import { parseImageArgs, readAndPlan, reposForPlan, report } from '../image-input.ts';
import { createCliResolver } from '../wasm-module.ts';
import { loadAdvisorySources } from '../advisory-sources.ts';

const USAGE = `usage: azl-playground image PROJECT_DIR --image NAME [--profile P] [--arch A] [--repo [ID=]DIR|URL]…
       --format ${IMAGE_EXPORT_FORMATS.join('|')} [--packages names|nevra] [--created ISO-TIME] [--out FILE]
       [--advisories DIR|URL]… [--no-overlays] [--permissive]
Without --repo, the bundled repositories the project names as bundle:<id> are read from public/repos/.
Advisories come from the updateinfo.xml of the repositories in use and of each --advisories repository
(read for its advisories only); those affecting the image go into the manifest and the CycloneDX export.
SPDX's creation time defaults to the newest repository revision, so equal inputs give equal bytes.
Exit 0 written, 2 unsatisfiable (problems on stdout), 3 a spec or group matched nothing, 1 bad usage or input.`;

function fail(io: CliIo, message: string): number {
  io.stderr(`azl-playground image: ${message}\n`);
  return 1;
}

/** Runs `image`. */
export const runImageCommand: CliCommand = async (args, io) => {
  const parsed = parseImageArgs(io, args, USAGE, (m) => fail(io, m), {
    arch: { type: 'string', default: 'x86_64' },
    advisories: { type: 'string', multiple: true, default: [] },
    format: { type: 'string' },
    packages: { type: 'string', default: 'names' },
    created: { type: 'string' },
    out: { type: 'string' },
    'no-overlays': { type: 'boolean', default: false },
    permissive: { type: 'boolean', default: false },
  });
  if (typeof parsed === 'number') return parsed;
  const o = parsed.values;
  if (!o.format || !(IMAGE_EXPORT_FORMATS as readonly string[]).includes(o.format)) return fail(io, `--format must be one of ${IMAGE_EXPORT_FORMATS.join(', ')}\n${USAGE}`);
  if (o.packages !== 'names' && o.packages !== 'nevra') return fail(io, '--packages must be names or nevra');
  if (o.created !== undefined && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(o.created)) return fail(io, '--created must be an ISO 8601 UTC time such as 2026-01-01T00:00:00Z');

  const read = await readAndPlan(io, parsed.projectDir, parsed.image, { arch: o.arch, permissive: o.permissive, ...(o.profile !== undefined ? { profile: o.profile } : {}) }, (m) => fail(io, m));
  if (typeof read === 'number') return read;
  const repos = await reposForPlan(io, read.plan, o.repo);
  if (typeof repos === 'string') return fail(io, repos);
  let resolver: Resolver;
  try {
    resolver = await createCliResolver(o.arch);
  } catch (err) {
    return fail(io, (err as Error).message);
  }
  const advisorySources = await loadAdvisorySources(o.advisories, io.cwd);
  if (typeof advisorySources === 'string') return fail(io, advisorySources);
  const outcome = await buildImageExport(resolver, read.plan, repos, { format: o.format as ImageExportFormat, packages: o.packages, ...(o.created !== undefined ? { created: o.created } : {}) }, { overlays: !o['no-overlays'], advisorySources });
  const code = report(io, outcome);
  if (code !== 0 || outcome.text === null) return code;
  if (o.out) {
    try {
      await writeFile(resolve(io.cwd, o.out), outcome.text);
    } catch (err) {
      return fail(io, `cannot write ${o.out}: ${(err as Error).message}`);
    }
  } else io.stdout(outcome.text);
  return 0;
};
