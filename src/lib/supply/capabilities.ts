/** The package-level rules behind an image's declared `capabilities`, checked against its resolved package set. */

/** Package managers an image without runtime package management must not ship. */
export const PACKAGE_MANAGERS = ['dnf', 'dnf5', 'tdnf', 'microdnf', 'yum'] as const;

// Kernel images and module packages (not kernel-headers, kernel-tools or kernel-devel, which are userland).
const KERNEL = /^kernel(?:-(?:core|modules(?:-core|-extra|-internal)?|uki-virt|rt|azure|64k|debug))?$/;
// Boot loaders: GRUB 2 images, shim, systemd-boot.
const BOOTLOADER = /^(?:grub2-(?:efi-[a-z0-9]+|pc)|shim(?:-[a-z0-9]+)?|systemd-boot(?:-unsigned)?)$/;

/** One rule: for a capability declared true or false, packages that must be absent, or one of which must be present. */
export interface CapabilityRule {
  capability: string;
  /** The declared value the rule applies to. */
  when: boolean;
  kind: 'forbid' | 'require';
  /** What the packages are, in words: `a package manager`, `a kernel`. */
  what: string;
  matches: (name: string) => boolean;
  /** For `require`: packages to add, in order of preference, when none is present. */
  candidates: string[];
}

/** The rules, in the order they are reported. */
export const CAPABILITY_RULES: readonly CapabilityRule[] = [
  { capability: 'runtime-package-management', when: false, kind: 'forbid', what: 'a package manager', matches: (n) => (PACKAGE_MANAGERS as readonly string[]).includes(n), candidates: [] },
  { capability: 'runtime-package-management', when: true, kind: 'require', what: 'a package manager', matches: (n) => (PACKAGE_MANAGERS as readonly string[]).includes(n), candidates: ['dnf5', 'dnf', 'microdnf', 'tdnf'] },
  { capability: 'machine-bootable', when: true, kind: 'require', what: 'a kernel', matches: (n) => KERNEL.test(n), candidates: ['kernel', 'kernel-core'] },
  { capability: 'machine-bootable', when: true, kind: 'require', what: 'a boot loader', matches: (n) => BOOTLOADER.test(n), candidates: ['grub2-efi-x64', 'shim-x64', 'grub2-pc', 'systemd-boot-unsigned'] },
  { capability: 'container', when: true, kind: 'forbid', what: 'a kernel', matches: (n) => KERNEL.test(n), candidates: [] },
  { capability: 'systemd', when: true, kind: 'require', what: 'systemd', matches: (n) => n === 'systemd', candidates: ['systemd'] },
  { capability: 'systemd', when: false, kind: 'forbid', what: 'systemd', matches: (n) => n === 'systemd', candidates: [] },
  { capability: 'fips-enabled', when: true, kind: 'require', what: 'the FIPS mode tooling (fips-mode-setup)', matches: (n) => n === 'crypto-policies-scripts', candidates: ['crypto-policies-scripts'] },
];

/** An installed package, as far as the rules look at it. */
export interface CheckedPackage {
  name: string;
  nevra: string;
}

/** The outcome of one rule for one image. */
export interface CapabilityCheck {
  capability: string;
  declared: boolean;
  kind: CapabilityRule['kind'];
  what: string;
  passed: boolean;
  /** For `forbid`: the offending packages; for `require`: the packages that satisfy it. */
  packages: string[];
  /** For a failed `require`: what to add, in order of preference. */
  candidates: string[];
  message: string;
}

/** Every rule that applies to the declared CAPABILITIES, checked against INSTALLED; and the declared capabilities no rule covers. */
export function checkCapabilities(capabilities: Readonly<Record<string, boolean>>, installed: readonly CheckedPackage[]): { checks: CapabilityCheck[]; unruled: string[] } {
  const checks: CapabilityCheck[] = [];
  for (const rule of CAPABILITY_RULES) {
    if (capabilities[rule.capability] !== rule.when) continue;
    const found = installed.filter((p) => rule.matches(p.name)).map((p) => p.nevra).sort();
    const passed = rule.kind === 'forbid' ? found.length === 0 : found.length > 0;
    const declared = `${rule.capability} = ${rule.when}`;
    const message =
      rule.kind === 'forbid'
        ? passed ? `${declared}: no ${rule.what.replace(/^an? /, '')} in the image` : `${declared}, but the image has ${rule.what}: ${found.join(', ')}`
        : passed ? `${declared}: ${rule.what} is there (${found.join(', ')})` : `${declared}, but the image has no ${rule.what.replace(/^an? |^the /, '')}`;
    checks.push({ capability: rule.capability, declared: rule.when, kind: rule.kind, what: rule.what, passed, packages: found, candidates: passed ? [] : rule.candidates, message });
  }
  const ruled = new Set(CAPABILITY_RULES.filter((r) => capabilities[r.capability] === r.when).map((r) => r.capability));
  const unruled = Object.keys(capabilities).filter((c) => !ruled.has(c)).sort();
  return { checks, unruled };
}

/** The rule a check came from (checks are plain data, so they cross the worker boundary without the matcher). */
export function ruleOf(check: Pick<CapabilityCheck, 'capability' | 'declared' | 'kind' | 'what'>): CapabilityRule | undefined {
  return CAPABILITY_RULES.find((r) => r.capability === check.capability && r.when === check.declared && r.kind === check.kind && r.what === check.what);
}
