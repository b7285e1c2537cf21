import { describe, expect, it } from 'vitest';
import { checkCapabilities, type CheckedPackage } from '../../../src/lib/supply/index.ts';

const pkgs = (...nevras: string[]): CheckedPackage[] => nevras.map((nevra) => ({ nevra, name: nevra.replace(/-(?:\d+:)?[^-]+-[^-]+$/, '') }));

describe('checkCapabilities', () => {
  it('fails an image without runtime package management that has any of dnf, dnf5, tdnf, microdnf, yum', () => {
    for (const pm of ['dnf', 'dnf5', 'tdnf', 'microdnf', 'yum']) {
      const { checks } = checkCapabilities({ 'runtime-package-management': false }, pkgs('bash-5.1.8-2.el9.x86_64', `${pm}-4.10.0-3.el9.noarch`));
      expect(checks.map((c) => [c.passed, c.packages]), pm).toEqual([[false, [`${pm}-4.10.0-3.el9.noarch`]]]);
    }
    // Package-manager plug-ins and libraries are not package managers.
    expect(checkCapabilities({ 'runtime-package-management': false }, pkgs('dnf-data-4.10.0-3.el9.noarch', 'python3-dnf-4.10.0-3.el9.noarch', 'libdnf-0.65.0-3.el9.x86_64')).checks[0]?.passed).toBe(true);
  });

  it('wants a kernel and a boot loader in a machine-bootable image, and no kernel in a container', () => {
    const bootable = checkCapabilities({ 'machine-bootable': true }, pkgs('kernel-core-5.14.0-55.el9.x86_64', 'kernel-headers-5.14.0-55.el9.x86_64'));
    expect(bootable.checks.map((c) => `${c.what} ${c.passed}`)).toEqual(['a kernel true', 'a boot loader false']);
    expect(bootable.checks[1]?.candidates[0]).toBe('grub2-efi-x64');
    const container = checkCapabilities({ container: true }, pkgs('kernel-headers-5.14.0-55.el9.x86_64', 'kernel-tools-5.14.0-55.el9.x86_64', 'kernel-modules-5.14.0-55.el9.x86_64'));
    expect(container.checks[0]).toMatchObject({ passed: false, packages: ['kernel-modules-5.14.0-55.el9.x86_64'] });
  });

  it('wants systemd present or absent as declared, and the FIPS tooling with fips-enabled', () => {
    const with_ = checkCapabilities({ systemd: true, 'fips-enabled': true }, pkgs('systemd-249-9.el9.x86_64'));
    expect(with_.checks.map((c) => `${c.capability} ${c.passed}`)).toEqual(['systemd true', 'fips-enabled false']);
    expect(checkCapabilities({ systemd: false }, pkgs('systemd-249-9.el9.x86_64')).checks[0]?.message).toBe('systemd = false, but the image has systemd: systemd-249-9.el9.x86_64');
  });

  it('lists declared capabilities that no package-level rule covers', () => {
    expect(checkCapabilities({ wsl: true, cvm: false, container: false }, []).unruled).toEqual(['container', 'cvm', 'wsl']);
  });
});
