import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { runImageCommand } from '../../../src/cli/commands/image.ts';
import { runImagesCommand } from '../../../src/cli/commands/images.ts';
import type { CliCommand } from '../../../src/cli/io.ts';
import type { ImageExportFormat, LoadedRepo } from '../../../src/lib/project/build/index.ts';
import { bundledRepo, demoFiles, exportFromFiles, newResolver } from '../project/build/demo-support.ts';
import { ROOT } from '../../support/wasm.ts';

const GOLDEN = join(ROOT, 'test/unit/project/build/golden');
// UPDATE_GOLDEN=1 rewrites the golden files from the current output.
const UPDATE = process.env['UPDATE_GOLDEN'] === '1';

async function run(command: CliCommand, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await command(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

const FORMATS: { format: ImageExportFormat; file: string }[] = [
  { format: 'manifest', file: 'vm-base.manifest.json' },
  { format: 'spdx', file: 'vm-base.spdx.json' },
  { format: 'cyclonedx', file: 'vm-base.cdx.json' },
  { format: 'kickstart', file: 'vm-base.ks' },
  { format: 'kiwi', file: 'vm-base.kiwi.xml' },
  { format: 'nevra', file: 'vm-base.nevra.txt' },
];

describe('azl-playground images', () => {
  it('lists the demo images one per line', async () => {
    const out = await run(runImagesCommand, ['public/examples/demo']);
    expect(out).toEqual({ code: 0, stdout: 'cloud-base\ncontainer-base\ncontainer-debug\ntoolbox\nvm-base\n', stderr: '' });
  });

  it('says which images are not built for the chosen architecture (images.X.architectures, azldev 1.0.0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azl-arch-'));
    writeFileSync(join(dir, 'azldev.toml'), '[images.arm]\narchitectures = ["aarch64"]\n[images.any]\n');
    expect(await run(runImagesCommand, [dir])).toEqual({ code: 0, stdout: 'any\narm\t(not built for x86_64: its architectures are aarch64)\n', stderr: '' });
    expect(await run(runImagesCommand, [dir, '--arch', 'aarch64'])).toEqual({ code: 0, stdout: 'any\narm\n', stderr: '' });
  });

  it('exits 1 on a missing project', async () => {
    const out = await run(runImagesCommand, ['no/such/dir']);
    expect(out.code).toBe(1);
  });
});

describe('azl-playground image on the demo', () => {
  let repo: LoadedRepo;
  let files: Map<string, string>;
  beforeAll(async () => {
    repo = await bundledRepo();
    files = await demoFiles();
  });

  for (const { format, file } of FORMATS) {
    it(`writes the ${format} export byte-identically across runs, equal to the golden file and to the library`, async () => {
      const first = await run(runImageCommand, ['public/examples/demo', '--image', 'vm-base', '--format', format]);
      const second = await run(runImageCommand, ['public/examples/demo', '--image', 'vm-base', '--format', format]);
      expect(first.code, first.stderr).toBe(0);
      expect(second.stdout).toBe(first.stdout);
      const path = join(GOLDEN, file);
      if (UPDATE) writeFileSync(path, first.stdout);
      expect(first.stdout).toBe(readFileSync(path, 'utf8'));
      const library = await exportFromFiles(await newResolver(), { files, image: 'vm-base', repos: [repo] }, { format });
      expect(library.text).toBe(first.stdout);
    });
  }

  it('the manifest and SPDX outputs validate against the shipped schemas', () => {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas', name), 'utf8')) as object;
    const manifest = ajv.compile(schema('manifest.v1.schema.json'));
    const spdx = ajv.compile(schema('spdx-2.3.schema.json'));
    const m = JSON.parse(readFileSync(join(GOLDEN, 'vm-base.manifest.json'), 'utf8')) as unknown;
    const s = JSON.parse(readFileSync(join(GOLDEN, 'vm-base.spdx.json'), 'utf8')) as unknown;
    expect(manifest(m), ajv.errorsText(manifest.errors)).toBe(true);
    expect(spdx(s), ajv.errorsText(spdx.errors)).toBe(true);
  });

  it('the SPDX and CycloneDX outputs validate against the schemas their standards publish', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('idn-email', true);
    const schema = (name: string) => JSON.parse(readFileSync(join(ROOT, 'schemas/published', name), 'utf8')) as object;
    ajv.addSchema(schema('spdx.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json');
    ajv.addSchema(schema('jsf-0.82.SNAPSHOT.schema.json'), 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json');
    const cdx = ajv.compile(schema('bom-1.6.SNAPSHOT.schema.json'));
    const spdx = ajv.compile(schema('spdx-2.3.schema.json'));
    const c = JSON.parse(readFileSync(join(GOLDEN, 'vm-base.cdx.json'), 'utf8')) as { components: unknown[] };
    const s = JSON.parse(readFileSync(join(GOLDEN, 'vm-base.spdx.json'), 'utf8')) as unknown;
    expect(c.components.length).toBeGreaterThan(300);
    expect(cdx(c), ajv.errorsText(cdx.errors)).toBe(true);
    expect(spdx(s), ajv.errorsText(spdx.errors)).toBe(true);
  });

  it('reports the overlays behind changed packages on stderr', async () => {
    const out = await run(runImageCommand, ['public/examples/demo', '--image', 'container-debug', '--format', 'nevra']);
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('vim-minimal-2:8.2.2637-11.el9.x86_64\n');
    // The release calculation (sudo is "auto") bumps the Release after the overlays, and is named as a cause too.
    expect(out.stderr).toContain(
      'overlay: sudo-1.9.5p2-7.el9.x86_64 → sudo-1.9.5p2-8.el9.x86_64: Release: 7.el9 → 8.el9, Requires: + vim-minimal [base/comps/sudo/sudo.comp.toml:6 visudo needs vi: require vim-minimal; base/comps/sudo/sudo.comp.toml:3 Release calculation (auto, 1 synthetic commit): 7%{?dist} → 8%{?dist}]',
    );
  });

  it('takes --created for SPDX and writes --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azl-image-'));
    const out = await run(runImageCommand, ['public/examples/demo', '--image', 'toolbox', '--format', 'spdx', '--created', '2026-01-01T00:00:00Z', '--out', join(dir, 'sbom.json')]);
    expect(out.code).toBe(0);
    expect(out.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'sbom.json'), 'utf8')).creationInfo.created).toBe('2026-01-01T00:00:00Z');
  });

  it('accepts --repo ID=DIR and fails on a repository that matches nothing, naming the config line', async () => {
    const dir = 'public/repos/centos-stream-9-baseos-2022';
    const ok = await run(runImageCommand, ['public/examples/demo', '--image', 'toolbox', '--format', 'nevra', '--repo', `centos-stream-9-baseos=${dir}`]);
    expect(ok.code).toBe(0);
    const bad = await run(runImageCommand, ['public/examples/demo', '--image', 'toolbox', '--format', 'nevra', '--repo', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^distro\/azurelinux\.distro\.toml:25:1: error: repository centos-stream-9-baseos \(bundle:centos-stream-9-baseos-2022\) matches no loaded repository/m);
  });

  it('exits 3 when a spec matches nothing and 2 when the request is unsatisfiable', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'azl-project-'));
    const { cpSync } = await import('node:fs');
    cpSync(join(ROOT, 'public/examples/demo'), dir, { recursive: true });
    const images = join(dir, 'base/images/images.toml');
    writeFileSync(images, `${readFileSync(images, 'utf8')}\n[images.missing.playground]\npackages = ["no-such-package"]\n\n[images.broken.playground]\npackages = ["kernel"]\nexclude = ["linux-firmware"]\n`);
    const missing = await run(runImageCommand, [dir, '--image', 'missing', '--format', 'nevra']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('No match for argument: no-such-package');
    const broken = await run(runImageCommand, [dir, '--image', 'broken', '--format', 'nevra']);
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/^problem /m);
  });

  it('exits 1 on bad usage', async () => {
    expect((await run(runImageCommand, ['public/examples/demo', '--image', 'vm-base', '--format', 'pdf'])).code).toBe(1);
    expect((await run(runImageCommand, ['public/examples/demo', '--format', 'nevra'])).code).toBe(1);
  });
});
