import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { runImageCommand } from '../../../src/cli/commands/image.ts';
import { runSolveCommand } from '../../../src/cli/commands/solve.ts';
import type { CliCommand } from '../../../src/cli/io.ts';
import { ROOT } from '../../support/wasm.ts';

const ADVISORY_REPO = 'test/fixtures/advisories-cs9';
const CS9 = 'public/repos/centos-stream-9-baseos-2022';

async function run(command: CliCommand, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await command(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

interface Advised {
  id: string;
  severity: string;
  repos: string[];
  packages: { installed: string; fixed: string }[];
}

describe('advisories through the CLI', () => {
  it('solve --json carries the advisories of an advisory-only repository and counts them by severity', async () => {
    const out = await run(runSolveCommand, ['--repo', CS9, '--advisories', ADVISORY_REPO, '--json', 'openssl', 'sudo', 'shadow-utils', 'glibc']);
    expect(out.code, out.stderr).toBe(0);
    const result = JSON.parse(out.stdout) as { packages: { nevra: string }[]; advisories: Advised[]; advisorySummary: Record<string, number> };
    // The advisory-only repository adds no package.
    expect(result.packages.every((p) => !p.nevra.includes('-20.el9'))).toBe(true);
    expect(result.advisories.map((a) => `${a.id} ${a.repos.join(',')}`)).toEqual(['AZLPG-BA-2022:0004 advisories-cs9', 'AZLPG-SA-2022:0001 advisories-cs9']);
    expect(result.advisorySummary).toEqual({ Important: 1, None: 1 });
    expect(out.stderr).toContain('advisories: 2 (Important 1, None 1)');
  });

  it('reads updateinfo from a repository in use too', async () => {
    const out = await run(runSolveCommand, ['--repo', CS9, '--repo', ADVISORY_REPO, '--json', 'openssl']);
    const result = JSON.parse(out.stdout) as { advisories: Advised[] };
    expect(result.advisories.find((a) => a.id === 'AZLPG-SA-2022:0001')?.packages.map((p) => `${p.installed} → ${p.fixed}`)).toEqual([
      'openssl-1:3.0.1-5.el9.x86_64 → openssl-1:3.0.1-20.el9.x86_64',
      'openssl-libs-1:3.0.1-5.el9.x86_64 → openssl-libs-1:3.0.1-20.el9.x86_64',
    ]);
  });

  it('leaves solve --json as it was when no repository has advisories', async () => {
    const out = await run(runSolveCommand, ['--repo', CS9, '--json', 'bash']);
    expect(Object.keys(JSON.parse(out.stdout) as object)).not.toContain('advisories');
  });

  it('puts the advisories into the vm-base manifest, which still validates against schema v1', async () => {
    const out = await run(runImageCommand, ['public/examples/demo', '--image', 'vm-base', '--format', 'manifest', '--advisories', ADVISORY_REPO]);
    expect(out.code, out.stderr).toBe(0);
    const manifest = JSON.parse(out.stdout) as { advisories: Advised[]; totals: { advisories: unknown } };
    expect(manifest.advisories.map((a) => a.id)).toEqual(['AZLPG-BA-2022:0004', 'AZLPG-SA-2022:0001']);
    expect(manifest.totals.advisories).toEqual({ total: 2, bySeverity: { Important: 1, None: 1 } });
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'schemas/manifest.v1.schema.json'), 'utf8')) as object);
    expect(validate(manifest), ajv.errorsText(validate.errors)).toBe(true);
    // Everything but the advisories is the manifest without them.
    const plain = JSON.parse((await run(runImageCommand, ['public/examples/demo', '--image', 'vm-base', '--format', 'manifest'])).stdout) as Record<string, unknown> & { totals: Record<string, unknown> };
    const { advisories: _a, ...rest } = manifest as unknown as Record<string, unknown> & { totals: Record<string, unknown> };
    const { advisories: _t, ...totals } = (rest as { totals: Record<string, unknown> }).totals;
    expect({ ...rest, totals }).toEqual(plain);
  });

  it('writes the security advisory as a CycloneDX vulnerability of the two openssl packages', async () => {
    const out = await run(runImageCommand, ['public/examples/demo', '--image', 'vm-base', '--format', 'cyclonedx', '--advisories', ADVISORY_REPO]);
    const bom = JSON.parse(out.stdout) as { vulnerabilities: { id: string; ratings: { severity: string }[]; affects: { ref: string; versions: { version: string; status: string }[] }[] }[] };
    expect(bom.vulnerabilities.map((v) => `${v.id} ${v.ratings[0]?.severity}`)).toEqual(['AZLPG-SA-2022:0001 high']);
    expect(bom.vulnerabilities[0]?.affects.map((a) => `${a.ref.replace(/\?.*/, '')} ${a.versions.map((v) => `${v.status}=${v.version}`).join(' ')}`)).toEqual([
      'pkg:rpm/fedora/openssl-libs@3.0.1-5.el9 affected=1:3.0.1-5.el9 unaffected=1:3.0.1-20.el9',
      'pkg:rpm/fedora/openssl@3.0.1-5.el9 affected=1:3.0.1-5.el9 unaffected=1:3.0.1-20.el9',
    ]);
  });

  it('refuses an --advisories repository without updateinfo, saying so', async () => {
    const out = await run(runImageCommand, ['public/examples/demo', '--image', 'toolbox', '--format', 'nevra', '--advisories', CS9]);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(`--advisories ${CS9}: the repository has no updateinfo.xml`);
  });
});
