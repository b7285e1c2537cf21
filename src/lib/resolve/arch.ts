/** Architectures the resolver accepts (those libsolv has an rpm arch policy for, as Fedora builds them). */
export const SUPPORTED_ARCHES = ['x86_64', 'aarch64', 'i686', 'ppc64le', 's390x', 'riscv64', 'armv7hl'] as const;

/** True when ARCH is one the resolver can resolve for. */
export function isSupportedArch(arch: string): boolean {
  return (SUPPORTED_ARCHES as readonly string[]).includes(arch);
}
