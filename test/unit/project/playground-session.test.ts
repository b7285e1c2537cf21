import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { PlaygroundSession } from '../../../src/lib/project/playground-session.ts';
import { ResolverSession } from '../../../src/lib/project/repo-session.ts';
import { openRepoCache } from '../../../src/lib/repo/index.ts';
import { demoPlayground } from '../state/support.ts';
import { APP_BASE, demoFiles, newResolver, servePublic } from './build/demo-support.ts';

describe('PlaygroundSession (what the resolver worker serves)', () => {
  it('loads and resolves the project once for describing it and building its image, and once per edit', async () => {
    const playground = await demoPlayground('playground-session-loads');
    const files = await demoFiles();
    // files cross the worker boundary as copies, so each call gets a new Map with equal contents
    await playground.describeProject(new Map(files));
    const first = await playground.buildImage({ files: new Map(files), image: 'vm-base' });
    expect(first.result.ok).toBe(true);
    expect((await playground.projectLoader()).loads).toBe(1);

    const edited = new Map(files);
    edited.set('base/images/images.toml', `${files.get('base/images/images.toml')}\n# an edit\n`);
    await playground.describeProject(new Map(edited));
    await playground.buildImage({ files: new Map(edited), image: 'vm-base' });
    expect((await playground.projectLoader()).loads).toBe(2);
  });

  it('answers "why" from the pool that produced the answer on screen', async () => {
    const playground = await demoPlayground('playground-session-why');
    const files = await demoFiles();
    const built = await playground.buildImage({ files, image: 'vm-base' });
    expect(built.result.ok).toBe(true);
    // openssh-server is in the image; the quick-request pool has no repository yet
    expect(playground.explain('openssh-server-8.7p1-7.el9.x86_64')).toMatchObject({ ok: true });
    await playground.repos.addRepo({ kind: 'bundle', id: 'centos-stream-9-baseos-2022' });
    const solved = await playground.solve({ specs: ['bash'] });
    expect(solved.ok).toBe(true);
    expect(playground.explain('openssh-server-8.7p1-7.el9.x86_64')).toMatchObject({ ok: false });
  });

  it('reports the solve with the resolver\'s own figures and the build time apart', async () => {
    const playground = await demoPlayground('playground-session-figures');
    const built = await playground.buildImage({ files: await demoFiles(), image: 'vm-base' });
    if (!built.result.ok) throw new Error(JSON.stringify(built.result));
    expect(built.result.stats.poolSolvables).toBeGreaterThan(1000);
    expect(built.result.stats.installCount).toBe(built.result.packages.length);
    expect(built.buildMs).toBeGreaterThanOrEqual(built.result.stats.solveMs);
  });

  it('a first image build whose resolver could not be made fails, and the next build tries again', async () => {
    let attempts = 0;
    const flaky = async () => {
      attempts++;
      if (attempts === 1) throw new Error('the image resolver could not start');
      return newResolver();
    };
    const repos = new ResolverSession(await newResolver(), { fetch: servePublic, appBaseUrl: APP_BASE, cache: await openRepoCache({ dbName: 'playground-session-retry' }) });
    const playground = new PlaygroundSession(repos, flaky, 'x86_64');
    const files = await demoFiles();
    await expect(playground.buildImage({ files, image: 'vm-base' })).rejects.toThrow('the image resolver could not start');
    expect((await playground.buildImage({ files, image: 'vm-base' })).result.ok).toBe(true);
    expect(attempts).toBe(2);
  });
});
