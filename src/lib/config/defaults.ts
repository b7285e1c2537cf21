/** azldev's built-in defaults, loaded before the project (same values as azldev's embedded defaults.toml). */

/** The label the built-in defaults carry in diagnostics and provenance. */
export const DEFAULTS_PATH = '<azldev defaults>/defaults.toml';

/** Project directory defaults applied after merging when the project leaves them unset ([DEV] project.go). */
export const PROJECT_DIR_DEFAULTS: Readonly<Record<string, string>> = {
  'log-dir': 'build/logs',
  'work-dir': 'build/work',
  'output-dir': 'out',
  'rendered-specs-dir': 'specs',
  'lock-dir': 'locks',
};

/** The built-in defaults, as TOML, so they load and carry provenance like any project file. */
export const DEFAULTS_TOML = `# Built-in defaults of azldev, reproduced for the playground.
[project]
default-author-email = "azurelinux@microsoft.com"

[tools.imageCustomizer]
containerTag = "mcr.microsoft.com/azurelinux/imagecustomizer:1"

# Two channels (base, sdk) with binary, debug and source sub-repos each.
[resources.rpm-repo-set-templates.azl-standard]
description = "Standard base/sdk x binary/debug/source layout"
subrepos = [
    { name = "base",       kind = "binary", subpath = "base/$basearch" },
    { name = "base-debug", kind = "debug",  subpath = "base/debuginfo/$basearch" },
    { name = "base-src",   kind = "source", subpath = "base/srpms" },
    { name = "sdk",        kind = "binary", subpath = "sdk/$basearch" },
    { name = "sdk-debug",  kind = "debug",  subpath = "sdk/debuginfo/$basearch" },
    { name = "sdk-src",    kind = "source", subpath = "sdk/srpms" },
]

# Koji dist-repo: one tree per arch, a debug tree beside it, and one src tree.
[resources.rpm-repo-set-templates.koji-dist-repo]
description = "Koji dist-repo layout: per-arch binary + debug trees plus a src/ tree"
subrepos = [
    { name = "binary", kind = "binary", subpath = "$basearch" },
    { name = "debug",  kind = "debug",  subpath = "$basearch/debug" },
    { name = "src",    kind = "source", subpath = "src" },
]
`;
