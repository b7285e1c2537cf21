/** A small CodeMirror stream mode for kickstart files (none exists): commands, options, sections, groups and package negations. */
import type { StreamParser } from '@codemirror/language';

interface KickstartState {
  /** The section the line is in: commands, %packages, or a script/other section whose body is not kickstart. */
  section: 'commands' | 'packages' | 'script';
  lineStart: boolean;
}

/** Kickstart highlighting: `keyword` commands, `attributeName` options, `meta` sections, `atom` groups, `operator` negations. */
export const kickstart: StreamParser<KickstartState> = {
  name: 'kickstart',
  startState: () => ({ section: 'commands', lineStart: true }),
  token(stream, state) {
    if (stream.sol()) state.lineStart = true;
    if (stream.eatSpace()) return null;
    const atStart = state.lineStart;
    state.lineStart = false;
    if (stream.peek() === '#') {
      stream.skipToEnd();
      return 'comment';
    }
    if (atStart && stream.match(/^%end\b/)) {
      state.section = 'commands';
      return 'meta';
    }
    if (atStart && stream.match(/^%[A-Za-z-]+/)) {
      const name = stream.current();
      state.section = name === '%packages' ? 'packages' : name === '%include' || name === '%ksappend' ? state.section : 'script';
      return 'meta';
    }
    if (state.section === 'script') {
      stream.skipToEnd();
      return null;
    }
    if (stream.match(/^--[A-Za-z0-9_-]+/)) return 'attributeName';
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'[^']*'?/)) return 'string';
    if (state.section === 'packages') {
      if (atStart && stream.match(/^-(?=\S)/)) return 'operator';
      if (stream.match(/^@\^?[^\s#]+/)) return 'atom';
      stream.match(/^[^\s#]+/);
      return 'variableName';
    }
    if (atStart && stream.match(/^[A-Za-z][A-Za-z0-9_-]*/)) return 'keyword';
    if (stream.match(/^=/)) return 'operator';
    stream.match(/^[^\s#="']+/) || stream.next();
    return null;
  },
  languageData: { commentTokens: { line: '#' } },
};
