/** Image planning: project + image name → what the image asks for and which repositories it wants, before any metadata is loaded. */
import type { Diagnostic } from '../diagnostics.ts';
import type { ProjectFiles } from '../config/index.ts';
import type { ImagePackageRequest } from '../image/request.ts';
import { err, ok, type Result } from '../result.ts';
import { architectureMismatch, listImages } from './build/catalog.ts';
import { describeImage, type DescribedRequest, type DescribeOptions } from './build/image-request.ts';
import { wantedRepos, type WantedRepo } from './build/repos.ts';
import type { ImageEntry } from './build/types.ts';
import { loadResolvedProject, type LoadedProject } from './load.ts';

/** How to plan an image. */
export interface ImagePlanOptions {
  /** Target architecture; default `x86_64`. */
  arch?: string;
  /** KIWI profile; overrides `definition.profile`. */
  profile?: string;
  /** Read the project like azldev `--permissive-config`. */
  permissive?: boolean;
  /** The project already loaded from these files (a `ProjectLoader`'s), so it is not loaded again. */
  loaded?: LoadedProject;
}

/** Everything known about an image before metadata is loaded: the one input of `buildImage`. */
export interface ImagePlan {
  loaded: LoadedProject;
  entry: ImageEntry;
  arch: string;
  /** The profile asked for, when one was. */
  profile?: string;
  /** The description read into a package request (its diagnostics carry no error). */
  described: DescribedRequest & { request: ImagePackageRequest };
  /** The repositories the configuration names for the image, variables expanded. */
  wanted: WantedRepo[];
  /** Diagnostics of finding those repositories (unexpanded variables, ignored description repos). */
  wantedDiagnostics: Diagnostic[];
}

const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/** A located error about the request itself (no config line to point at). */
export function requestDiagnostic(message: string, code: string, hint?: string): Diagnostic {
  return { file: '<request>', line: 0, col: 0, severity: 'error', code, message, ...(hint ? { hint } : {}) };
}

/** Plans IMAGE (a name, or a description's path) of the project in FILES; fails with the diagnostics that stop it. */
export function planImage(files: ProjectFiles, image: string, options: ImagePlanOptions = {}): Result<ImagePlan, Diagnostic[]> {
  const loaded = options.loaded ?? loadResolvedProject(files, options.permissive ?? false);
  const diagnostics = [...loaded.diagnostics];
  if (hasErrors(diagnostics)) return err(diagnostics);
  const entries = listImages(loaded.project, files);
  const entry = entries.find((e) => e.name === image || e.path === image);
  if (!entry) return err([...diagnostics, requestDiagnostic(`the project defines no image ${image}`, 'image/unknown-image', `Images: ${entries.map((e) => e.name).join(', ') || 'none'}.`)]);
  const arch = options.arch ?? 'x86_64';
  const mismatch = architectureMismatch(entry, arch);
  if (mismatch) {
    const hint = `images.${entry.name}.architectures (azldev 1.0.0) limits it; build it for ${entry.architectures?.join(' or ')}, or add ${arch} to the list.`;
    return err([...diagnostics, { ...entry.loc, severity: 'error', code: 'image/architecture', message: mismatch, hint }]);
  }
  const describeOptions: DescribeOptions = { arch, ...(options.profile !== undefined ? { profile: options.profile } : {}) };
  const described = describeImage(loaded.project, files, entry, describeOptions);
  if (!described.request || hasErrors(described.diagnostics)) return err([...diagnostics, ...described.diagnostics]);
  const wanted = wantedRepos(loaded.project, described.request);
  return ok({
    loaded,
    entry,
    arch,
    ...(options.profile !== undefined ? { profile: options.profile } : {}),
    described: { ...described, request: described.request },
    wanted: wanted.repos,
    wantedDiagnostics: wanted.diagnostics,
  });
}
