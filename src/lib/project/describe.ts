/** What the playground shows of a project before building anything: its images and its diagnostics. */
import type { Diagnostic } from '../diagnostics.ts';
import { listImages } from './build/catalog.ts';
import type { ImageEntry } from './build/types.ts';
import { parseKiwi } from '../image/kiwi/description.ts';
import type { LoadedProject } from './load.ts';

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
  /** The only architectures it is built for (`images.X.architectures`); absent means every one. */
  architectures?: string[];
}

/** The project's images and every diagnostic of loading it. */
export interface ProjectDescription {
  images: ProjectImage[];
  diagnostics: Diagnostic[];
}

/** Lists the images of a loaded project with every diagnostic of loading it. */
export function describeProject(loaded: LoadedProject): ProjectDescription {
  const files = loaded.files;
  const diagnostics = [...loaded.diagnostics];
  const images = listImages(loaded.project, files).map((entry): ProjectImage => {
    const image: ProjectImage = { name: entry.name, kind: entry.kind, description: entry.description, profiles: [] };
    if (entry.path) image.path = entry.path;
    if (entry.profile) image.defaultProfile = entry.profile;
    if (entry.architectures) image.architectures = entry.architectures;
    if (entry.kind === 'kiwi' && entry.path && files.has(entry.path)) {
      const kiwi = parseKiwi(files, entry.path);
      image.profiles = kiwi.description?.profiles.map((p) => p.name) ?? [];
    }
    return image;
  });
  return { images, diagnostics };
}
