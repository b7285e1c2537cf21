/** Typed views of the kickstart commands the playground models, and their canonical re-serialisation. */
import type { RepoEntry } from '../request.ts';
import { quoteWord } from './lexer.ts';
import { COMMAND_OPTIONS, REPEATABLE_COMMANDS } from './options.ts';
import type { KickstartCommand, KickstartDocument } from './parser.ts';

const SHUTDOWN_NAMES = ['reboot', 'shutdown', 'poweroff', 'halt'];

/** The effective form of a single-instance command (see effectiveCommands), or undefined when the kickstart has none. */
export function lastCommand(doc: KickstartDocument, name: string): KickstartCommand | undefined {
  const names = SHUTDOWN_NAMES.includes(name) ? SHUTDOWN_NAMES : [name];
  return effectiveCommands(doc).find((c) => names.includes(c.name));
}

/**
 * The effective commands in file order: every line of repeatable commands, and one merged line per
 * single-instance command. pykickstart re-parses each occurrence into the same object and skips
 * options whose value is None, so value options given earlier survive a later line that omits them,
 * while flags and positionals come from the last line.
 */
export function effectiveCommands(doc: KickstartDocument): KickstartCommand[] {
  const keyOf = (c: KickstartCommand): string => (SHUTDOWN_NAMES.includes(c.name) ? 'reboot' : c.name);
  const merged = new Map<string, KickstartCommand>();
  for (const c of doc.commands) {
    if (REPEATABLE_COMMANDS.has(c.name)) continue;
    const prev = merged.get(keyOf(c));
    const specs = COMMAND_OPTIONS[SHUTDOWN_NAMES.includes(c.name) ? 'shutdown' : c.name];
    const kept: Record<string, string | true> = {};
    if (prev && specs) {
      for (const spec of specs) {
        const v = prev.options[spec.name];
        if (spec.takesValue && v !== undefined) kept[spec.name] = v;
      }
    }
    merged.set(keyOf(c), { ...c, options: { ...kept, ...c.options } });
  }
  const last = new Map<string, KickstartCommand>();
  for (const c of doc.commands) last.set(keyOf(c), c);
  return doc.commands.flatMap((c) => (REPEATABLE_COMMANDS.has(c.name) ? [c] : last.get(keyOf(c)) === c ? [merged.get(keyOf(c)) as KickstartCommand] : []));
}

/** Splits a comma-separated option value (`services --enabled=a,b`). */
export function listOption(cmd: KickstartCommand | undefined, option: string): string[] {
  const v = cmd?.options[option];
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** The `lang` command's locales: the main one first, then `--addsupport`; Anaconda's default when absent. */
export function kickstartLocales(doc: KickstartDocument): string[] {
  const lang = lastCommand(doc, 'lang');
  const main = lang?.positionals[0] ?? 'en_US.UTF-8';
  return [main, ...listOption(lang, 'addsupport')];
}

/** True unless NTP is switched off (`timezone --nontp` or `timesource --ntp-disable`). */
export function kickstartNtpEnabled(doc: KickstartDocument): boolean {
  if (lastCommand(doc, 'timezone')?.options['nontp'] === true) return false;
  return !doc.commands.some((c) => c.name === 'timesource' && c.options['ntp-disable'] === true);
}

/** Repositories from `repo` lines and the `url` install source (which Anaconda names `anaconda`). */
export function kickstartRepos(doc: KickstartDocument): RepoEntry[] {
  const out: RepoEntry[] = [];
  const add = (name: string, cmd: KickstartCommand): void => {
    for (const urlKind of ['baseurl', 'mirrorlist', 'metalink'] as const) {
      const key = cmd.name === 'url' && urlKind === 'baseurl' ? 'url' : urlKind;
      const url = cmd.options[key];
      if (typeof url !== 'string') continue;
      const entry: RepoEntry = { name, url, urlKind, origin: cmd.origin };
      const cost = cmd.options['cost'];
      if (typeof cost === 'string' && /^\d+$/.test(cost)) entry.cost = Number(cost);
      const excludes = listOption(cmd, 'excludepkgs');
      if (excludes.length > 0) entry.excludes = excludes;
      out.push(entry);
      return;
    }
  };
  const url = lastCommand(doc, 'url');
  if (url) add('anaconda', url);
  for (const c of doc.commands) if (c.name === 'repo' && typeof c.options['name'] === 'string') add(c.options['name'], c);
  return out;
}

/** Writes a command back as one line: positionals first, then options in the order the F43 handler lists them. */
export function formatCommand(cmd: Pick<KickstartCommand, 'name' | 'positionals' | 'options'>): string {
  const specName = SHUTDOWN_NAMES.includes(cmd.name) ? 'shutdown' : cmd.name;
  const known = (COMMAND_OPTIONS[specName] ?? []).map((s) => s.name);
  const keys = Object.keys(cmd.options);
  const ordered = [...known.filter((k) => keys.includes(k)), ...keys.filter((k) => !known.includes(k))];
  const words = [cmd.name, ...cmd.positionals.map(quoteWord)];
  for (const k of ordered) {
    const v = cmd.options[k];
    words.push(v === true ? `--${k}` : `--${k}=${quoteWord(v as string)}`);
  }
  return words.join(' ');
}
