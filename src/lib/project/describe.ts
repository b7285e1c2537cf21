/** What the playground shows of a project before building anything: its images and its diagnostics. */
import { loadProject, resolveProject } from '../config/index.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { listImages } from './build/catalog.ts';
import type { ImageEntry } from './build/types.ts';
import { parseKiwi } from '../image/kiwi/description.ts';

/** An image of the project, with the KIWI profiles one can pick. */
export interface ProjectImage {
  name: string;
  kind: ImageEntry['kind'];
  description: string;
  path?: string;
  /** `definition.profile` of a KIWI image, the default choice. */
  defaultProfile?: string;
  /** Every profile the KIWI description declares (empty for other kinds). */
  profiles: string[];
}

/** The project's images and every diagnostic of loading it. */
export interface ProjectDescription {
  images: ProjectImage[];
  diagnostics: Diagnostic[];
}

/** Loads FILES as an azldev project and lists its images. */
export function describeProject(files: ReadonlyMap<string, string>): ProjectDescription {
  const loaded = loadProject(files);
  const diagnostics = [...loaded.diagnostics];
  const resolved = resolveProject(loaded.project);
  const images = listImages(resolved, files).map((entry): ProjectImage => {
    const image: ProjectImage = { name: entry.name, kind: entry.kind, description: entry.description, profiles: [] };
    if (entry.path) image.path = entry.path;
    if (entry.profile) image.defaultProfile = entry.profile;
    if (entry.kind === 'kiwi' && entry.path && files.has(entry.path)) {
      const kiwi = parseKiwi(files, entry.path);
      image.profiles = kiwi.description?.profiles.map((p) => p.name) ?? [];
    }
    return image;
  });
  return { images, diagnostics };
}
