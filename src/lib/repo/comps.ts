/** The comps model (package groups, environments and categories) read from comps.xml or fedora-comps' .xml.in. */
import { fail, ok, type RepoResult } from './errors.ts';
import type { Diagnostic } from '../diagnostics.ts';
import { readXml } from './xml.ts';

/** How strongly a group asks for a package, as comps says. */
export type CompsPackageType = 'mandatory' | 'default' | 'optional' | 'conditional';

/** One `<packagereq>` of a group. */
export interface CompsPackage {
  name: string;
  type: CompsPackageType;
  /** For `conditional`: the package whose presence pulls this one in. */
  requires?: string;
  /** Architectures this entry is limited to (`arch="x86_64,aarch64"`); absent = all. */
  arch?: string[];
  basearchOnly?: boolean;
}

/** Text in the default language plus its translations by `xml:lang`. */
export interface LocalizedText {
  text: string;
  translations: Record<string, string>;
}

/** A `<group>`. */
export interface CompsGroup {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  /** Selected by default in installers. */
  isDefault: boolean;
  userVisible: boolean;
  displayOrder?: number;
  langOnly?: string;
  packages: CompsPackage[];
}

/** A group reference inside an environment's `<optionlist>`. */
export interface CompsOption {
  id: string;
  isDefault: boolean;
}

/** An `<environment>`: base groups plus optional add-on groups. */
export interface CompsEnvironment {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  displayOrder?: number;
  groups: string[];
  options: CompsOption[];
}

/** A `<category>`: a display grouping of groups. */
export interface CompsCategory {
  id: string;
  name: LocalizedText;
  description: LocalizedText;
  displayOrder?: number;
  groups: string[];
}

/** Everything one comps file defines. */
export interface CompsModel {
  groups: CompsGroup[];
  environments: CompsEnvironment[];
  categories: CompsCategory[];
}

const PACKAGE_TYPES = new Set<CompsPackageType>(['mandatory', 'default', 'optional', 'conditional']);

function emptyText(): LocalizedText {
  return { text: '', translations: {} };
}

function setLocalized(target: LocalizedText, lang: string | undefined, value: string): void {
  if (lang) target.translations[lang] = value;
  else target.text = value;
}

function parseBool(value: string, fallback: boolean): boolean {
  const v = value.trim().toLowerCase();
  if (v === 'true' || v === '1' || v === 'yes') return true;
  if (v === 'false' || v === '0' || v === 'no') return false;
  return fallback;
}

type Owner = { kind: 'group'; value: CompsGroup } | { kind: 'environment'; value: CompsEnvironment } | { kind: 'category'; value: CompsCategory };

/** Parses comps XML; `<_name>`/`<_description>` (fedora-comps' translatable .xml.in tags) read as `<name>`/`<description>`. */
export function parseComps(xmlText: string, file = 'comps.xml'): RepoResult<CompsModel> {
  const model: CompsModel = { groups: [], environments: [], categories: [] };
  let owner: Owner | undefined;
  let list: 'grouplist' | 'optionlist' | undefined;
  let attrs: Record<string, string> = {};
  let text = '';
  const outcome = readXml(
    xmlText,
    file,
    {
      open(rawName, tagAttrs) {
        const name = rawName.replace(/^_/, '');
        text = '';
        attrs = tagAttrs;
        if (name === 'group') owner = { kind: 'group', value: { id: '', name: emptyText(), description: emptyText(), isDefault: false, userVisible: true, packages: [] } };
        else if (name === 'environment') owner = { kind: 'environment', value: { id: '', name: emptyText(), description: emptyText(), groups: [], options: [] } };
        else if (name === 'category') owner = { kind: 'category', value: { id: '', name: emptyText(), description: emptyText(), groups: [] } };
        else if (name === 'grouplist' || name === 'optionlist') list = name;
      },
      text(chunk) {
        text += chunk;
      },
      close(rawName) {
        const name = rawName.replace(/^_/, '');
        const value = text.trim();
        text = '';
        if (!owner) return;
        const item = owner.value;
        const lang = attrs['xml:lang'];
        switch (name) {
          case 'id':
            item.id = value;
            break;
          case 'name':
            setLocalized(item.name, lang, value);
            break;
          case 'description':
            setLocalized(item.description, lang, value);
            break;
          case 'display_order': {
            const n = Number(value);
            if (value !== '' && Number.isFinite(n)) item.displayOrder = n;
            break;
          }
          case 'default':
            if (owner.kind === 'group') owner.value.isDefault = parseBool(value, false);
            break;
          case 'uservisible':
            if (owner.kind === 'group') owner.value.userVisible = parseBool(value, true);
            break;
          case 'langonly':
            if (owner.kind === 'group' && value) owner.value.langOnly = value;
            break;
          case 'packagereq':
            if (owner.kind === 'group' && value) owner.value.packages.push(readPackageReq(value, attrs));
            break;
          case 'groupid':
            if (owner.kind === 'environment' && list === 'optionlist') owner.value.options.push({ id: value, isDefault: parseBool(attrs.default ?? '', false) });
            else if (owner.kind !== 'group' && value) owner.value.groups.push(value);
            break;
          case 'grouplist':
          case 'optionlist':
            list = undefined;
            break;
          case 'group':
          case 'environment':
          case 'category':
            if (owner.kind === 'group') model.groups.push(owner.value);
            else if (owner.kind === 'environment') model.environments.push(owner.value);
            else model.categories.push(owner.value);
            owner = undefined;
            break;
        }
      },
    },
    'comps/malformed-xml',
  );
  if (!outcome.ok) {
    const d = outcome.diagnostic;
    return fail('comps/malformed-xml', `${file}:${d.line}:${d.col}: ${d.message}`, 'The comps file is damaged or was cut off; fetch it again.', d);
  }
  if (outcome.root !== 'comps') {
    const message = `${file} is not a comps file (its root element is <${outcome.root}>).`;
    // A damaged prologue can hide <comps> (e.g. an unterminated quote in the DOCTYPE), so point at the element read as the root.
    const at: Diagnostic = { file, line: outcome.rootLine, col: outcome.rootCol, severity: 'error', code: 'comps/malformed-xml', message };
    return fail('comps/malformed-xml', message, 'Comps files start with <comps>; check which file was given, or whether its prologue is damaged.', at);
  }
  return ok(model);
}

function readPackageReq(name: string, attrs: Record<string, string>): CompsPackage {
  const declared = (attrs.type ?? '').trim() as CompsPackageType;
  // yum and dnf read a packagereq without a type as mandatory.
  const pkg: CompsPackage = { name, type: PACKAGE_TYPES.has(declared) ? declared : 'mandatory' };
  if (attrs.requires) pkg.requires = attrs.requires;
  if (attrs.arch) pkg.arch = attrs.arch.split(',').map((a) => a.trim()).filter(Boolean);
  if (attrs.basearchonly) pkg.basearchOnly = parseBool(attrs.basearchonly, false);
  return pkg;
}
