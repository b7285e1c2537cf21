/** A Fedora 43 kickstart that reproduces a resolved package set, with editable cloud-image defaults and canonical spellings only. */
import { formatCommand } from '../image/kickstart/commands.ts';
import type { ImagePackageRequest } from '../image/request.ts';
import type { Manifest, ManifestPackage } from './manifest.ts';

/** Partitioning: Anaconda's automatic layout or explicit partitions. */
export type KickstartPartitioning =
  | { kind: 'autopart'; type: 'plain' | 'lvm' | 'btrfs' | 'thinp'; noboot: boolean; nohome: boolean; noswap: boolean }
  | { kind: 'part'; partitions: { mount: string; fstype: string; size: number; grow: boolean; label?: string }[] };

/** The installer settings of a cloud image, all editable. */
export interface CloudImageSettings {
  text: boolean;
  lang: string;
  keyboard: string;
  /** Written with `--utc`; the hardware clock of cloud guests is UTC. */
  timezone: string;
  bootloader: { disabled: true } | { disabled: false; timeout: number; append: string };
  partitioning: KickstartPartitioning;
  selinux: 'enforcing' | 'permissive' | 'disabled';
  services: { enabled: string[]; disabled: string[] };
  network: { bootproto: 'dhcp'; device: string; activate: boolean };
  shutdown: 'shutdown' | 'reboot' | 'poweroff' | 'halt';
}

/** Defaults modelled on Fedora's cloud kickstarts (fedora-cloud-base.ks), without the btrfs layout. */
export const CLOUD_IMAGE_DEFAULTS: CloudImageSettings = {
  text: true,
  lang: 'en_US.UTF-8',
  keyboard: 'us',
  timezone: 'Etc/UTC',
  bootloader: { disabled: false, timeout: 1, append: 'console=tty1 console=ttyS0,115200n8' },
  partitioning: { kind: 'autopart', type: 'plain', noboot: false, nohome: true, noswap: true },
  selinux: 'enforcing',
  services: { enabled: ['sshd'], disabled: [] },
  network: { bootproto: 'dhcp', device: 'link', activate: true },
  shutdown: 'shutdown',
};

/** Options of the kickstart export. */
export interface KickstartExportOptions {
  /** `names` (default) lists package names; `nevra` pins exact `name-[epoch:]version-release.arch`. */
  packages?: 'names' | 'nevra';
  settings?: Partial<CloudImageSettings>;
  /** The request the manifest was resolved from, for `--inst-langs`, `--excludedocs` and `--multilib`. */
  request?: ImagePackageRequest;
}

type Opts = Record<string, string | true>;
const line = (name: string, positionals: string[] = [], options: Opts = {}): string => formatCommand({ name, positionals, options });

function settingLines(s: CloudImageSettings): string[] {
  const out: string[] = [];
  if (s.text) out.push('text');
  out.push(line('lang', [s.lang]));
  out.push(line('keyboard', [], { vckeymap: s.keyboard, xlayouts: s.keyboard }));
  out.push(line('timezone', [s.timezone], { utc: true }));
  out.push(line('selinux', [], { [s.selinux]: true }));
  out.push(line('rootpw', [], { lock: true }));
  out.push(s.bootloader.disabled ? line('bootloader', [], { disabled: true }) : line('bootloader', [], { append: s.bootloader.append, location: 'mbr', timeout: String(s.bootloader.timeout) }));
  const services: Opts = {};
  if (s.services.enabled.length > 0) services['enabled'] = s.services.enabled.join(',');
  if (s.services.disabled.length > 0) services['disabled'] = s.services.disabled.join(',');
  if (Object.keys(services).length > 0) out.push(line('services', [], services));
  const network: Opts = { bootproto: s.network.bootproto, device: s.network.device };
  if (s.network.activate) network['activate'] = true;
  out.push(line('network', [], network));
  out.push('zerombr', line('clearpart', [], { all: true, initlabel: true }));
  const p = s.partitioning;
  if (p.kind === 'autopart') {
    const o: Opts = { type: p.type };
    if (p.noboot) o['noboot'] = true;
    if (p.nohome) o['nohome'] = true;
    if (p.noswap) o['noswap'] = true;
    out.push(line('autopart', [], o));
  } else {
    for (const part of p.partitions) {
      const o: Opts = { size: String(part.size), fstype: part.fstype };
      if (part.grow) o['grow'] = true;
      if (part.label) o['label'] = part.label;
      out.push(line('part', [part.mount], o));
    }
  }
  out.push(s.shutdown);
  return out;
}

function packageLines(manifest: Manifest, mode: 'names' | 'nevra'): string[] {
  if (mode === 'nevra') return [...new Set(manifest.packages.map((p) => p.nevra))].sort();
  const archs = new Map<string, Set<string>>();
  for (const p of manifest.packages) archs.set(p.name, (archs.get(p.name) ?? new Set()).add(p.arch));
  // A name resolved for two architectures (multilib) needs name.arch to say which ones.
  const spec = (p: ManifestPackage): string => ((archs.get(p.name)?.size ?? 0) > 1 ? `${p.name}.${p.arch}` : p.name);
  return [...new Set(manifest.packages.map(spec))].sort();
}

/** The packages Anaconda would add on its own that the set does not contain, excluded so the install matches the manifest. */
function suppressedImplicit(manifest: Manifest, lang: string): string[] {
  const names = new Set(manifest.packages.map((p) => p.name));
  const language = lang.replace(/[.@].*$/, '').split('_')[0] ?? 'en';
  return ['kernel', `langpacks-${language}`, 'chrony'].filter((n) => !names.has(n));
}

/** Writes the kickstart: repositories, settings, and a `%packages --nocore` section listing the resolved set. */
export function exportKickstart(manifest: Manifest, opts: KickstartExportOptions = {}): string {
  const s: CloudImageSettings = { ...CLOUD_IMAGE_DEFAULTS, ...opts.settings };
  const { inputs } = manifest;
  const out: string[] = [`# Kickstart for image ${inputs.image}${inputs.profile ? ` (profile ${inputs.profile})` : ''}, ${inputs.arch}, Fedora 43 syntax`, `# Project ${inputs.projectHash}; ${manifest.packages.length} packages`];
  const [first] = manifest.repos;
  if (first) out.push(line('url', [], { url: first.url }));
  for (const r of manifest.repos) out.push(line('repo', [], { name: r.id, baseurl: r.url }));
  out.push(...settingLines(s));
  // --nocore: the list below is the complete resolved set, so @core must not add to it.
  const header: Opts = { nocore: true };
  if (!inputs.weakDeps) header['exclude-weakdeps'] = true;
  const req = opts.request;
  if (req?.installLangs) header['inst-langs'] = req.installLangs;
  if (req?.excludeDocs) header['excludedocs'] = true;
  if (req?.multilib) header['multilib'] = true;
  out.push('', formatCommand({ name: '%packages', positionals: [], options: header }));
  out.push(...packageLines(manifest, opts.packages ?? 'names'));
  const excludes = [...new Set([...inputs.excludes, ...suppressedImplicit(manifest, s.lang)])].sort();
  out.push(...excludes.map((e) => `-${e}`), '%end', '');
  return out.join('\n');
}
