/** The azldev configuration schema (azl-format.md §2), plus the overlay-file and lock-file formats. */
import { anyValue, arr, bool, either, int, map, str, strMatching, table, type Schema } from './schema.ts';

/** Every overlay type azldev knows (§3). */
export const OVERLAY_TYPES = [
  'spec-add-tag',
  'spec-insert-tag',
  'spec-set-tag',
  'spec-update-tag',
  'spec-remove-tag',
  'spec-prepend-lines',
  'spec-append-lines',
  'spec-search-replace',
  'spec-remove-section',
  'spec-remove-subpackage',
  'patch-add',
  'patch-remove',
  'file-prepend-lines',
  'file-search-replace',
  'file-add',
  'file-remove',
  'file-rename',
] as const;

/** Allowed overlay metadata categories. */
export const OVERLAY_CATEGORIES = [
  'upstream-backport',
  ...[
    'pruning',
    'compatibility',
    'temp-workaround',
    'branding-policy',
    'disable-flaky-tests',
    'disable-unsupported-tests',
    'security-compliance',
    'release-management',
    'platform-adaptation',
  ].map((c) => `azl-${c}`),
];

/** Allowed overlay metadata upstream statuses. */
export const UPSTREAM_STATUSES = ['upstreamed', 'upstreamable', 'needs-upstream-hook', 'inapplicable', 'unknown'];

const distroReference = table({ name: str(), version: str(), snapshot: str() });

/** Overlay and component-group metadata. */
export const overlayMetadataSchema = table({
  category: str(OVERLAY_CATEGORIES),
  'upstream-status': str(UPSTREAM_STATUSES),
  commits: arr(table({ url: str() })),
  bugs: arr(table({ url: str() })),
});

const overlayFields = {
  type: str(),
  description: str(),
  file: str(),
  archive: str(),
  section: str(),
  package: str(),
  tag: str(),
  value: str(),
  regex: str(),
  replacement: str(),
  lines: arr(str()),
  source: str(),
};

/** One inline overlay. */
export const overlaySchema = table({ ...overlayFields, metadata: overlayMetadataSchema });

const testRef = table({ name: str(), group: str() });
const channels = { 'rpm-channel': str(), 'debuginfo-channel': str() };

/** Publish settings of a binary package. */
export const packageConfigSchema = table({ publish: table({ ...channels, channel: str() }) });

/** A component, and every `default-component-config`. */
export const componentSchema = table({
  spec: table({
    type: str(['upstream', 'local', '']),
    path: str(),
    'upstream-distro': distroReference,
    'upstream-name': str(),
    'upstream-commit': str(),
  }),
  release: table({ calculation: str(['auto', 'manual', 'autorelease', 'static']) }),
  overlays: arr(overlaySchema),
  'overlay-files': arr(str()),
  build: table({
    with: arr(str()),
    without: arr(str()),
    defines: map(str()),
    undefines: arr(str()),
    'emit-upstream-provenance': bool,
    check: table({ skip: bool, skip_reason: str() }),
    failure: table({ expected: bool, 'expected-reason': str() }),
    hints: table({ expensive: bool }),
  }),
  render: table({ 'skip-file-filter': bool }),
  'source-files': arr(
    table({
      filename: str(),
      hash: str(),
      'hash-type': str(['SHA256', 'SHA512']),
      origin: table({
        type: str(['download', 'custom', 'overlay']),
        uri: str(),
        script: str(),
        'mock-packages': arr(str()),
        inputs: arr(str()),
      }),
      'replace-upstream': bool,
      'replace-reason': str(),
    }),
  ),
  packages: map(packageConfigSchema),
  publish: table({ ...channels, 'srpm-channel': str() }),
  tests: table({ tests: arr(testRef) }),
});

const repoInputs = arr(table({ repo: str(), set: str() }));

const distroSchema = table({
  description: str(),
  'default-version': str(),
  'dist-git-base-uri': str(),
  'lookaside-base-uri': str(),
  repos: arr(table({ 'base-uri': str() })),
  'disable-origins': bool,
  versions: map(
    table({
      'release-ver': str(),
      description: str(),
      'dist-git-branch': str(),
      'default-component-config': componentSchema,
      'mock-config': str(),
      'mock-config-x86_64': str(),
      'mock-config-aarch64': str(),
      'kiwi-config-override': str(),
      inputs: table({ 'rpm-build': repoInputs, 'image-build': repoInputs }),
    }),
  ),
});

const REPO_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const REPO_ID_HINT = 'ids start with a letter or digit and use only letters, digits, _ . : -';

const resourcesSchema = table({
  'rpm-repos': map(
    table({
      type: str(['rpm-md']),
      'base-uri': str(),
      metalink: str(),
      'disable-gpg-check': bool,
      'gpg-key': str(),
      arches: arr(str()),
      description: str(),
    }),
    REPO_ID,
    REPO_ID_HINT,
  ),
  'rpm-repo-set-templates': map(
    table({
      description: str(),
      subrepos: arr(table({ name: str(), subpath: str(), kind: str(['binary', 'debug', 'source']) }, ['name', 'kind'])),
    }),
  ),
  'rpm-repo-sets': map(
    table({
      description: str(),
      template: str(),
      'base-uri': str(),
      'name-prefix': str(),
      'gpg-key': str(),
      'disable-gpg-check': bool,
      arches: arr(str()),
      subrepos: arr(str()),
    }),
    REPO_ID,
    REPO_ID_HINT,
  ),
});

/** Image capabilities: azldev's four plus those of PR #229. */
export const IMAGE_CAPABILITIES = [
  'machine-bootable',
  'container',
  'systemd',
  'runtime-package-management',
  'wsl',
  'installer-media',
  'fips-enabled',
  'cvm',
];

/** The architectures azldev builds images for (`images.X.architectures`, 1.0.0). */
export const IMAGE_ARCHITECTURES = ['x86_64', 'aarch64'];

const imageSchema = table({
  description: str(),
  definition: table({ type: str(['kiwi']), path: str(), profile: str() }),
  capabilities: table(Object.fromEntries(IMAGE_CAPABILITIES.map((c) => [c, bool]))),
  // `test-suites` is accepted here only so that file-rules can say what replaced it (azldev 1.0.0).
  tests: table({ 'test-suites': anyValue, tests: arr(testRef) }),
  architectures: arr(str(IMAGE_ARCHITECTURES)),
  publish: table({ channels: arr(str()) }),
  playground: table({ packages: arr(str()), groups: arr(str()), exclude: arr(str()), 'weak-deps': bool }),
});

const pytestSchema = table({
  'working-dir': str(),
  'test-paths': arr(str()),
  'extra-args': arr(str()),
  install: str(['pyproject', 'requirements', 'none']),
});

const TEST_KINDS = ['functional', 'performance'];

// [tests.X] (azldev 0.4.0 #229, 1.0.0 #350); the lisa and tmt subtables are passed through to
// their runners, so their contents are not ours to check.
const testSchema = table({
  type: str(['pytest', 'lisa', 'tmt']),
  description: str(),
  kind: either(str(TEST_KINDS), arr(str(TEST_KINDS))),
  'long-running': bool,
  'metrics-enabled': bool,
  'required-capabilities': arr(str(IMAGE_CAPABILITIES)),
  pytest: pytestSchema,
  lisa: map(anyValue),
  tmt: map(anyValue),
});

/** A whole config file (`azldev.toml` and everything it includes). */
export const configFileSchema: Schema = table({
  $schema: str(),
  includes: arr(str()),
  project: table({
    description: str(),
    'default-distro': distroReference,
    'default-author-email': str(),
    'log-dir': str(),
    'work-dir': str(),
    'output-dir': str(),
    'rendered-specs-dir': str(),
    'lock-dir': str(),
  }),
  distros: map(distroSchema),
  resources: resourcesSchema,
  'component-groups': map(
    table({
      description: str(),
      components: arr(str()),
      specs: arr(str()),
      'excluded-paths': arr(str()),
      'default-component-config': componentSchema,
      metadata: overlayMetadataSchema,
    }),
  ),
  components: map(componentSchema),
  images: map(imageSchema),
  tools: table({ imageCustomizer: table({ containerTag: str() }) }),
  'default-component-config': componentSchema,
  'default-package-config': packageConfigSchema,
  'package-groups': map(table({ description: str(), packages: arr(str()), 'default-package-config': packageConfigSchema })),
  // Removed in azldev 1.0.0; kept in the schema so that file-rules can name the replacement.
  'test-suites': anyValue,
  tests: map(testSchema),
  'test-groups': map(table({ description: str(), tests: arr(testRef) })),
});

/**
 * An `*.overlay.toml` file: one `[metadata]` and its `[[overlays]]`. Per-overlay metadata is
 * accepted by the schema only so that the loader can reject it with a precise message.
 */
export const overlayFileSchema: Schema = table(
  { metadata: overlayMetadataSchema, overlays: arr(overlaySchema) },
  ['metadata', 'overlays'],
);

const HEX = /^[0-9a-f]{7,40}$/;

/** A `locks/<component>.lock` file. */
export const lockFileSchema: Schema = table(
  {
    version: int,
    'import-commit': strMatching(HEX, 'a commit is 7–40 lowercase hex characters'),
    'upstream-commit': strMatching(HEX, 'a commit is 7–40 lowercase hex characters'),
    'manual-bump': int,
    'input-fingerprint': str(),
    'resolution-input-hash': str(),
  },
  ['version'],
);
