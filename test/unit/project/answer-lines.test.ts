import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { ImageSession } from '../../../src/lib/project/image-session.ts';
import { ProjectLoader } from '../../../src/lib/project/load.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { APP_BASE, demoFiles, newResolver, servePublic } from './build/demo-support.ts';

const KIWI = 'base/images/vm-base/vm-base.kiwi';

async function buildVmBase(edit: (kiwi: string) => string, dbName: string) {
  const cache = await openRepoCache({ dbName });
  const images = new ImageSession(new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache }), await newResolver(), new ProjectLoader());
  const files = await demoFiles();
  const kiwi = edit(files.get(KIWI) as string);
  files.set(KIWI, kiwi);
  const lineOf = (text: string) => kiwi.split('\n').findIndex((l) => l.includes(text)) + 1;
  return { outcome: await images.build({ files, image: 'vm-base', arch: 'x86_64' }), lineOf };
}

describe('solver answers located in the project', () => {
  it('a package no repository has is an error on the KIWI line that asks for it', async () => {
    const { outcome, lineOf } = await buildVmBase((k) => k.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="no-such-tool"/>'), 'answer-lines-nomatch');
    expect(outcome.result).toMatchObject({ ok: false, kind: 'no-match' });
    const located = outcome.diagnostics.filter((d) => d.code === 'solver/no-match');
    expect(located).toEqual([expect.objectContaining({ file: KIWI, line: lineOf('no-such-tool'), severity: 'error', message: 'No match for argument: no-such-tool' })]);
  });

  it('an unsatisfiable request blames the line that asked for the package in trouble, and keeps the layers', async () => {
    const { outcome, lineOf } = await buildVmBase((k) => k.replace('<ignore name="dracut-config-rescue"/>', '<ignore name="dracut-config-rescue"/>\n    <ignore name="openssl-libs"/>'), 'answer-lines-problems');
    expect(outcome.result).toMatchObject({ ok: false, kind: 'problems' });
    const located = outcome.diagnostics.filter((d) => d.code === 'solver/problem');
    expect(located.length).toBeGreaterThan(0);
    for (const d of located) expect(d.file).toBe(KIWI);
    // every problem is on a line that asks for a package (not the fallback: the image entry)
    const asking = new Set(['openssh-server', 'sudo', 'kernel', 'chrony', 'nvme-cli', 'dracut-config-generic', 'core', 'shim-x64', 'grub2-pc', 'grub2-efi-x64', 'filesystem', 'setup', 'centos-stream-release'].map((n) => lineOf(`name="${n}"`)));
    for (const d of located) expect(asking, d.message).toContain(d.line);
    // openssh-server is asked for on its own line; openssh-clients and systemd come from <namedCollection name="core"/>
    expect(located.some((d) => d.line === lineOf('name="openssh-server"'))).toBe(true);
    expect(located.some((d) => d.line === lineOf('name="core"'))).toBe(true);
    expect(outcome.layers.length).toBeGreaterThan(0);
  });
});
