import { describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../../src/cli/commands/check.ts';
import { runFootprintCommand } from '../../../src/cli/commands/footprint.ts';
import { runImageCommand } from '../../../src/cli/commands/image.ts';
import type { CliCommand } from '../../../src/cli/io.ts';
import { ROOT } from '../../support/wasm.ts';

const COMMANDS: Record<string, CliCommand> = { image: runImageCommand, check: runCheckCommand, footprint: runFootprintCommand };

async function run([command, ...args]: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await (COMMANDS[command as string] as CliCommand)(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: ROOT });
  return { code, stdout, stderr };
}

describe('the image commands read their shared arguments alike', () => {
  for (const command of ['image', 'check', 'footprint']) {
    it(`${command}: --help prints the usage and exits 0; no PROJECT_DIR, two of them, no --image or an unknown option exit 1 with the usage`, async () => {
      expect(await run([command, '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining(`usage: azl-playground ${command} PROJECT_DIR --image NAME`) });
      expect(await run([command, '--image', 'vm-base'])).toMatchObject({ code: 1, stderr: expect.stringMatching(new RegExp(`^azl-playground ${command}: expected exactly one PROJECT_DIR\\nusage:`)) });
      expect(await run([command, 'a', 'b', '--image', 'vm-base'])).toMatchObject({ code: 1, stderr: expect.stringContaining('expected exactly one PROJECT_DIR') });
      expect(await run([command, 'public/examples/demo'])).toMatchObject({ code: 1, stderr: expect.stringContaining(`azl-playground ${command}: --image is required\nusage:`) });
      expect(await run([command, 'public/examples/demo', '--image', 'vm-base', '--no-such-option'])).toMatchObject({ code: 1, stderr: expect.stringContaining("Unknown option '--no-such-option'") });
    });
  }

  it('footprint still needs its --baseline', async () => {
    expect(await run(['footprint', 'public/examples/demo', '--image', 'vm-base'])).toMatchObject({ code: 1, stderr: expect.stringContaining('--baseline is required') });
  });
});
