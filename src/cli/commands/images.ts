/** `azl-playground images PROJECT_DIR`: the names of a project's images, one per line. */
import { resolve } from 'node:path';
import { formatDiagnostic } from '../../lib/diagnostics.ts';
import { loadProject, resolveProject } from '../../lib/config/index.ts';
import { architectureMismatch, listImages } from '../../lib/project/build/index.ts';
import type { CliCommand } from '../io.ts';
import { readProjectDir } from '../read-project-dir.ts';

const USAGE = `usage: azl-playground images PROJECT_DIR [--arch A] [--permissive]
Lists the project's images ([images.X] entries and top-level kickstart files), one name per line, sorted.
An image whose images.X.architectures leaves out A (default x86_64) is listed with the reason.`;

/** Runs `images`. */
export const runImagesCommand: CliCommand = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const permissive = args.includes('--permissive');
  const archAt = args.indexOf('--arch');
  const arch = archAt >= 0 ? args[archAt + 1] : 'x86_64';
  if (!arch || arch.startsWith('-')) {
    io.stderr(`azl-playground images: --arch needs an architecture\n${USAGE}\n`);
    return 1;
  }
  const rest = args.filter((a, i) => a !== '--permissive' && (archAt < 0 || (i !== archAt && i !== archAt + 1)));
  const unknown = rest.find((a) => a.startsWith('-'));
  if (unknown || rest.length !== 1) {
    io.stderr(`azl-playground images: ${unknown ? `unknown option ${unknown}` : 'expected exactly one PROJECT_DIR'}\n${USAGE}\n`);
    return 1;
  }
  let files: Map<string, string>;
  try {
    files = await readProjectDir(resolve(io.cwd, rest[0] as string));
  } catch (err) {
    io.stderr(`azl-playground images: cannot read ${rest[0]}: ${(err as Error).message}\n`);
    return 1;
  }
  const { project, diagnostics } = loadProject(files, { permissive });
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  if (diagnostics.some((d) => d.severity === 'error')) return 1;
  const lines = listImages(resolveProject(project), files).map((e) => {
    const mismatch = architectureMismatch(e, arch);
    return mismatch ? `${e.name}\t(${mismatch.replace(`image ${e.name} is `, '')})\n` : `${e.name}\n`;
  });
  io.stdout(lines.join(''));
  return 0;
};
