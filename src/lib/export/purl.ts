/** Package URLs for RPMs, per the purl spec's `rpm` type: `pkg:rpm/<vendor>/<name>@<version>-<release>?arch=…&epoch=…`. */

/** Percent-encodes a purl component: unreserved characters and `:` stay, everything else (including `+`) is %XX. */
export function purlEncode(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9.\-_~:]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

/** What a purl needs from a package. */
export interface PurlPackage {
  name: string;
  epoch: number;
  version: string;
  release: string;
  arch: string;
}

/** Optional purl qualifiers beyond arch and epoch (Red Hat's SBOM guidelines name both). */
export interface PurlQualifiers {
  /** The distribution, e.g. `fedora-43`. */
  distro?: string | undefined;
  /** The repository the package comes from, e.g. `fedora-updates`. */
  repositoryId?: string | undefined;
}

/** The purl of an RPM; `namespace` is the vendor (e.g. `fedora`); a string third argument is the `distro` qualifier. */
export function rpmPurl(p: PurlPackage, namespace: string, extra?: string | PurlQualifiers): string {
  const { distro, repositoryId } = typeof extra === 'string' ? { distro: extra, repositoryId: undefined } : (extra ?? {});
  const qualifiers: [string, string][] = [['arch', p.arch]];
  if (distro) qualifiers.push(['distro', distro]);
  if (repositoryId) qualifiers.push(['repository_id', repositoryId]);
  // The rpm purl type carries a non-zero epoch as a qualifier, not in the version.
  if (p.epoch > 0) qualifiers.push(['epoch', String(p.epoch)]);
  qualifiers.sort(([a], [b]) => (a < b ? -1 : 1));
  const q = qualifiers.map(([k, v]) => `${k}=${purlEncode(v)}`).join('&');
  return `pkg:rpm/${purlEncode(namespace.toLowerCase())}/${purlEncode(p.name)}@${purlEncode(`${p.version}-${p.release}`)}?${q}`;
}
