/** The editor's languages by file name, each loaded when a file of its kind is first opened. */
import type { Extension } from '@codemirror/state';
import { StreamLanguage } from '@codemirror/language';

/** Which highlighter FILE gets. */
export function languageOf(file: string): 'toml' | 'xml' | 'spec' | 'kickstart' | 'text' {
  if (/\.toml$/.test(file)) return 'toml';
  if (/\.(kiwi|xml)$/.test(file)) return 'xml';
  if (/\.spec$/.test(file)) return 'spec';
  if (/\.(ks|cfg)$/.test(file)) return 'kickstart';
  return 'text';
}

/** The CodeMirror language support for FILE (an empty extension for plain text). */
export async function loadLanguage(file: string): Promise<Extension> {
  switch (languageOf(file)) {
    case 'toml':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/toml')).toml);
    case 'xml':
      return (await import('@codemirror/lang-xml')).xml();
    case 'spec':
      return StreamLanguage.define((await import('@codemirror/legacy-modes/mode/rpm')).rpmSpec);
    case 'kickstart':
      return StreamLanguage.define((await import('./kickstart-mode.ts')).kickstart);
    default:
      return [];
  }
}
