/** A small argparse-alike for kickstart command and section options, with pykickstart's F43 spellings. */
import type { Diagnostic } from '../../diagnostics.ts';
import type { Token } from './lexer.ts';

/** One option a command accepts. */
export interface OptionSpec {
  /** Canonical spelling without the leading `--`, e.g. `inst-langs`. */
  name: string;
  takesValue: boolean;
  /** Other accepted spellings (with dashes) that mean the same, e.g. `--ondrive` for `--ondisk`. */
  aliases?: string[];
  /** Deprecated spellings (with dashes): still honoured, flagged with the canonical one. */
  deprecated?: string[];
  /** Removed spellings (with dashes): an error. */
  removed?: string[];
  /** A flag that sets another option to a value instead (`autopart --nolvm` = `--type=plain`). */
  sets?: { option: string; value: string };
}

/** Parsed arguments: options by canonical name (value or `true` for flags) and the positional words. */
export interface ParsedOptions {
  options: Record<string, string | true>;
  positionals: string[];
}

/** Where the words came from, for diagnostics. */
export interface OptionContext {
  file: string;
  line: number;
  /** What is being parsed, e.g. `timezone` or `%packages`, for messages. */
  what: string;
  /** When false, options outside the spec list are kept without a warning (commands we do not model). */
  strict: boolean;
}

const flag = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, takesValue: false, ...extra });
const value = (name: string, extra: Partial<OptionSpec> = {}): OptionSpec => ({ name, takesValue: true, ...extra });

/** The options of the commands the playground models, as pykickstart's F43 handler accepts them. */
export const COMMAND_OPTIONS: Readonly<Record<string, readonly OptionSpec[]>> = {
  text: [flag('non-interactive')],
  lang: [value('addsupport')],
  keyboard: [value('vckeymap'), value('xlayouts'), value('switch')],
  timezone: [flag('utc', { deprecated: ['--isUtc'] }), flag('nontp'), value('ntpservers')],
  bootloader: [
    value('append'),
    value('location'),
    value('timeout'),
    flag('disabled'),
    flag('sdboot'),
    value('boot-drive'),
    value('driveorder'),
    flag('leavebootorder'),
    value('password'),
    flag('iscrypted'),
    value('md5pass'),
    flag('extlinux'),
    flag('nombr'),
    flag('noefi'),
  ],
  autopart: [
    value('type'),
    flag('nolvm', { sets: { option: 'type', value: 'plain' } }),
    flag('noboot'),
    flag('nohome'),
    flag('noswap'),
    flag('encrypted'),
    value('fstype'),
    value('passphrase'),
    value('escrowcert'),
    flag('backuppassphrase'),
    value('cipher'),
    value('luks-version'),
    value('pbkdf'),
    value('pbkdf-memory'),
    value('pbkdf-time'),
    value('pbkdf-iterations'),
    flag('hibernation'),
  ],
  part: [
    value('size'),
    flag('grow'),
    value('maxsize'),
    value('fstype'),
    value('label'),
    value('ondisk', { aliases: ['--ondrive'] }),
    flag('asprimary'),
    flag('noformat'),
    value('onpart', { aliases: ['--usepart'] }),
    flag('recommended'),
    flag('hibernation'),
    flag('encrypted'),
    value('passphrase'),
    value('fsoptions'),
    value('mkfsoptions'),
    value('fsprofile'),
    flag('resize'),
    value('cipher'),
    value('luks-version'),
  ],
  rootpw: [flag('iscrypted'), flag('plaintext'), flag('lock'), flag('allow-ssh')],
  selinux: [flag('enforcing'), flag('permissive'), flag('disabled')],
  services: [value('enabled'), value('disabled')],
  network: [
    value('bootproto'),
    value('device'),
    flag('activate'),
    flag('no-activate'),
    value('onboot'),
    value('hostname'),
    value('ip'),
    value('netmask'),
    value('gateway'),
    value('nameserver'),
    flag('noipv4'),
    flag('noipv6'),
    value('ipv6'),
    value('ipv6gateway'),
    value('mtu'),
    flag('nodns'),
    flag('nodefroute'),
    value('dhcpclass'),
    value('ethtool'),
    value('essid'),
    value('wepkey'),
    value('wpakey'),
    value('bondslaves'),
    value('bondopts'),
    value('vlanid'),
    value('interfacename'),
    value('teamslaves'),
    value('teamconfig'),
    value('bridgeslaves'),
    value('bridgeopts'),
    value('bindto'),
    value('ipv4-dns-search'),
    value('ipv6-dns-search'),
    flag('ipv4-ignore-auto-dns'),
    flag('ipv6-ignore-auto-dns'),
  ],
  shutdown: [flag('eject'), flag('kexec')],
  repo: [
    value('name'),
    value('baseurl'),
    value('mirrorlist'),
    value('metalink'),
    value('cost'),
    value('excludepkgs'),
    value('includepkgs'),
    value('proxy'),
    flag('noverifyssl'),
    flag('install'),
    value('sslcacert'),
    value('sslclientcert'),
    value('sslclientkey'),
  ],
  url: [
    value('url'),
    value('mirrorlist'),
    value('metalink'),
    value('proxy'),
    flag('noverifyssl'),
    value('sslcacert'),
    value('sslclientcert'),
    value('sslclientkey'),
  ],
};

/** `%packages` header options (pykickstart PackageSection, F43). */
export const PACKAGES_OPTIONS: readonly OptionSpec[] = [
  flag('excludedocs'),
  flag('ignoremissing'),
  flag('default'),
  value('inst-langs', { deprecated: ['--instLangs'] }),
  flag('multilib'),
  flag('nocore'),
  value('timeout'),
  value('retries'),
  flag('exclude-weakdeps', { deprecated: ['--excludeWeakdeps'] }),
  flag('ignorebroken'),
  flag('nobase', { removed: ['--nobase'] }),
  flag('resolvedeps', { removed: ['--resolvedeps', '--ignoredeps'] }),
];

/** Script section options (`%pre`, `%post`, …). */
export const SCRIPT_OPTIONS: readonly OptionSpec[] = [
  flag('erroronfail'),
  value('interpreter'),
  value('log', { aliases: ['--logfile'] }),
  flag('nochroot'),
];

/** Commands that are spellings of one pykickstart command, mapped to the name we keep them under. */
export const COMMAND_ALIASES: Readonly<Record<string, string>> = { partition: 'part' };

/** Commands that may appear many times; every other command counts only in its last occurrence, as in pykickstart. */
export const REPEATABLE_COMMANDS: ReadonlySet<string> = new Set([
  'repo',
  'part',
  'network',
  'btrfs',
  'logvol',
  'volgroup',
  'raid',
  'user',
  'group',
  'sshkey',
  'sshpw',
]);

function findSpec(specs: readonly OptionSpec[], spelling: string): { spec: OptionSpec; how: 'canonical' | 'alias' | 'deprecated' | 'removed' } | undefined {
  for (const spec of specs) {
    if (`--${spec.name}` === spelling && !spec.removed?.includes(spelling)) return { spec, how: 'canonical' };
    if (spec.aliases?.includes(spelling)) return { spec, how: 'alias' };
    if (spec.deprecated?.includes(spelling)) return { spec, how: 'deprecated' };
    if (spec.removed?.includes(spelling)) return { spec, how: 'removed' };
  }
  return undefined;
}

/** Parses option words against a spec list, reporting deprecated, removed, unknown and malformed options. */
export function parseOptions(tokens: readonly Token[], specs: readonly OptionSpec[], ctx: OptionContext, diagnostics: Diagnostic[]): ParsedOptions {
  const out: ParsedOptions = { options: {}, positionals: [] };
  const report = (severity: Diagnostic['severity'], code: string, col: number, message: string, hint?: string): void => {
    const d: Diagnostic = { file: ctx.file, line: ctx.line, col, severity, code, message };
    if (hint) d.hint = hint;
    diagnostics.push(d);
  };
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i] as Token;
    if (!tok.text.startsWith('--') || tok.text === '--') {
      out.positionals.push(tok.text);
      continue;
    }
    const eq = tok.text.indexOf('=');
    const spelling = eq < 0 ? tok.text : tok.text.slice(0, eq);
    const inline = eq < 0 ? undefined : tok.text.slice(eq + 1);
    const found = findSpec(specs, spelling);
    if (!found) {
      if (ctx.strict) report('warning', 'kickstart/unknown-option', tok.col, `${ctx.what} has no option ${spelling}`, 'Check the spelling against the Fedora 43 kickstart reference.');
      out.options[spelling.slice(2)] = inline ?? true;
      continue;
    }
    const { spec, how } = found;
    if (how === 'removed') {
      report('error', 'kickstart/removed-option', tok.col, `${spelling} is no longer supported by ${ctx.what}`, 'Remove the option; Fedora 43 rejects it.');
      continue;
    }
    if (how === 'deprecated') {
      report('warning', 'kickstart/deprecated-option', tok.col, `${spelling} is deprecated; use --${spec.name}`, `ksvalidator -v F43 counts it as an error and RHEL 10 rejects it; write --${spec.name}.`);
    }
    let val: string | true = true;
    if (spec.takesValue) {
      if (inline !== undefined) val = inline;
      else if (i + 1 < tokens.length && !(tokens[i + 1] as Token).text.startsWith('--')) val = (tokens[++i] as Token).text;
      else {
        report('error', 'kickstart/missing-value', tok.col, `${spelling} needs a value`);
        continue;
      }
    } else if (inline !== undefined) {
      report('error', 'kickstart/unexpected-value', tok.col, `${spelling} takes no value`);
      continue;
    }
    if (spec.sets) out.options[spec.sets.option] = spec.sets.value;
    else out.options[spec.name] = val;
  }
  return out;
}
