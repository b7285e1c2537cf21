import { describe, expect, it } from 'vitest';
import { openEditStore } from '../../../src/lib/project/edit-store.ts';
import { readEmbedOptions, type EmbedEvent, type EmbedReply } from '../../../src/lib/share/embed-protocol.ts';
import { encodeShareHash } from '../../../src/lib/share/link.ts';
import { EmbedState } from '../../../src/state/embed.svelte.ts';
import { Playground } from '../../../src/state/playground.svelte.ts';
import { APP_BASE, servePublic } from '../project/build/demo-support.ts';
import { demoPlayground, inProcessLink } from './support.ts';

async function embedded(query: string, hash = '') {
  const session = await demoPlayground(`embed-${query}`);
  const playground = new Playground({
    createResolver: () => ({
      ...inProcessLink(session),
      init: async () => ({ ok: true, value: { libsolv: '0.7.23', abiVersion: 1, arch: 'x86_64', build: { debianVersions: {}, wasmSha256: '', rpmmdWasmSha256: '' }, cache: { backend: 'memory' } } }),
    }),
    createOverlays: () => ({ view: async (_files, wanted) => ({ components: [], selected: wanted, outcome: undefined, dist: '' }), config: async () => ({ components: [], selected: '' }) }),
    fetch: servePublic,
    appBaseUrl: APP_BASE,
  });
  const posted: (EmbedReply | EmbedEvent)[] = [];
  const params = new URLSearchParams(query);
  const embed = new EmbedState(playground, readEmbedOptions(params), (m) => posted.push(m), APP_BASE);
  await embed.start(params, hash);
  await embed.built(playground.project.build!);
  return { embed, playground, posted };
}

const replyTo = (posted: (EmbedReply | EmbedEvent)[], id: string) => posted.find((m): m is EmbedReply => 'id' in m && m.id === id);

describe('EmbedState', () => {
  it('opens the image the query names, says ready and resolved, and answers getResult', async () => {
    const { embed, posted } = await embedded('project=demo&image=toolbox&host=https://docs.example');
    expect(posted.map((m) => ('event' in m ? m.event : 'reply'))).toEqual(['ready', 'resolved']);
    await embed.receive({ azl: 1, id: 'r1', method: 'getResult' });
    const reply = replyTo(posted, 'r1');
    expect(reply?.ok && (reply.result as { image: string; packages: string[] }).packages).toEqual(expect.arrayContaining([expect.stringMatching(/^rsync-/), expect.stringMatching(/^tar-/)]));
    expect(embed.playgroundHref).toMatch(/^http:\/\/app\.test\/\?project=demo&image=toolbox#v1\//);
  });

  it('opens a share hash, applies setFiles at once and never saves into the edit store', async () => {
    const hash = await encodeShareHash({ base: 'demo', files: { 'base/images/kickstart/cloud-packages.ks': '%packages\nbash\n%end\n' }, image: 'cloud-base', profile: null, settings: { arch: 'x86_64', weakDeps: true, best: true }, metadata: {} });
    const { embed, playground, posted } = await embedded('project=demo&host=https://docs.example', `#${hash}`);
    expect(playground.project.image).toBe('cloud-base');
    await embed.receive({ azl: 1, id: 's1', method: 'setFiles', params: { files: { 'base/images/kickstart/cloud-packages.ks': '%packages\nbash\nrsync\n%end\n' } } });
    expect(replyTo(posted, 's1')).toEqual({ azl: 1, id: 's1', ok: true, result: null });
    await embed.receive({ azl: 1, id: 'r2', method: 'getResult' });
    const reply = replyTo(posted, 'r2');
    expect(reply?.ok && (reply.result as { packages: string[] }).packages.some((p) => p.startsWith('rsync-'))).toBe(true);
    await new Promise((r) => setTimeout(r, 600));
    expect(await (await openEditStore())?.list()).toEqual([]);
  });

  it('answers an unknown image and a bad request with an error reply', async () => {
    const { embed, posted } = await embedded('project=demo&image=vm-base&host=https://docs.example');
    await embed.receive({ azl: 1, id: 'i1', method: 'setImage', params: { image: 'nope' } });
    expect(replyTo(posted, 'i1')).toMatchObject({ ok: false, error: { message: expect.stringContaining('the project has no image nope; its images: cloud-base') } });
    await embed.receive({ azl: 1, id: 'i2', method: 'getExport', params: {} });
    expect(replyTo(posted, 'i2')).toMatchObject({ ok: false, error: { message: expect.stringContaining('"format" must be one of') } });
  });
});
