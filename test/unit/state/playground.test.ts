import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { Playground } from '../../../src/state/playground.svelte.ts';
import { APP_BASE, servePublic } from '../project/build/demo-support.ts';
import { demoPlayground, inProcessLink } from './support.ts';
import { watch } from './watch.svelte.ts';

async function demoPage(db: string): Promise<Playground> {
  const session = await demoPlayground(db);
  const playground = new Playground({
    createResolver: () => {
      const link = inProcessLink(session);
      return { ...link, init: async () => ({ ok: true, value: { libsolv: '0.7.23', abiVersion: 0, arch: 'x86_64', build: { debianVersions: {}, wasmSha256: '', rpmmdWasmSha256: '' }, cache: { backend: 'memory' } } }) };
    },
    createOverlays: () => ({ view: async (_files, wanted) => ({ components: [], selected: wanted, outcome: undefined, dist: '.azl4' }), config: async () => ({ components: [], selected: '' }) }),
    fetch: servePublic,
    appBaseUrl: APP_BASE,
  });
  await playground.start(new URLSearchParams());
  return playground;
}

describe('Playground answer', () => {
  it('keeps the last good package set, marked out of date with the line to fix, while an edit is invalid', async () => {
    const playground = await demoPage('state-playground-last-good');
    let seen: string | undefined;
    const stop = watch(() => {
      seen = playground.answer?.outOfDate?.text;
    });
    try {
      expect(playground.resultKind).toBe('ok');
      const good = playground.answer?.shown;
      expect(good?.packages.length).toBeGreaterThan(100);
      const kiwi = 'base/images/vm-base/vm-base.kiwi';
      const text = playground.project.files.get(kiwi) as string;
      playground.project.edit(kiwi, text.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="tm'));
      await playground.project.flush();
      flushSync();
      expect(playground.resultKind).toBe('invalid');
      expect(playground.answer?.shown).toBe(good);
      expect(seen).toMatch(new RegExp(`^out of date: fix the error in ${kiwi}:\\d+$`));

      playground.project.edit(kiwi, text.replace('<package name="sudo"/>', '<package name="sudo"/>\n    <package name="no-such-tool"/>'));
      await playground.project.flush();
      flushSync();
      expect(playground.resultKind).toBe('no-match');
      expect(playground.answer?.shown).toBe(good);
      expect(playground.answer?.outOfDate).toMatchObject({ why: 'no-match', at: { file: kiwi, line: text.split('\n').findIndex((l) => l.includes('"sudo"')) + 2 } });

      playground.project.edit(kiwi, text);
      await playground.project.flush();
      flushSync();
      expect(playground.resultKind).toBe('ok');
      expect(seen).toBeUndefined();
    } finally {
      stop();
    }
  });

  it('says the image is gone when an edit removes it, instead of switching to another', async () => {
    const playground = await demoPage('state-playground-image-gone');
    const images = 'base/images/images.toml';
    const text = playground.project.files.get(images) as string;
    playground.project.edit(images, text.replace('[images.vm-base]', '[images.vm-base-renamed]'));
    await playground.project.flush();
    expect(playground.project.image).toBe('vm-base');
    expect(playground.answer?.outOfDate).toMatchObject({ why: 'image-missing', text: expect.stringContaining('no longer defines the image vm-base') });
    expect(playground.answer?.shown?.packages.length).toBeGreaterThan(100);
  });
});
