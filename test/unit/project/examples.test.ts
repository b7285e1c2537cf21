import { describe, expect, it } from 'vitest';
import { loadExampleProject } from '../../../src/lib/project/examples.ts';
import { APP_BASE, servePublic } from './build/demo-support.ts';

describe('loadExampleProject', () => {
  it('reads the demo project as shipped', async () => {
    const loaded = await loadExampleProject(servePublic, APP_BASE, 'demo');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.error));
    expect(loaded.value.files.get('azldev.toml')).toContain('includes');
    expect(loaded.value.files.size).toBeGreaterThan(10);
  });

  it('tells a project that does not exist, naming the ones that do', async () => {
    expect(await loadExampleProject(servePublic, APP_BASE, 'nope')).toEqual({ ok: false, error: { kind: 'not-found', id: 'nope', available: ['demo'] } });
  });

  it('tells a network failure from a missing project', async () => {
    const offline = async () => {
      throw new TypeError('Failed to fetch');
    };
    const loaded = await loadExampleProject(offline, APP_BASE, 'demo');
    expect(loaded).toMatchObject({ ok: false, error: { kind: 'unreadable', url: `${APP_BASE}examples/index.json`, message: expect.stringContaining('Failed to fetch') } });
  });

  it('reports a file the server does not have with its HTTP status', async () => {
    const missingFile = async (url: string) => (url.endsWith('azldev.toml') ? new Response('gone', { status: 404 }) : servePublic(url));
    const loaded = await loadExampleProject(missingFile, APP_BASE, 'demo');
    expect(loaded).toMatchObject({ ok: false, error: { kind: 'unreadable', url: `${APP_BASE}examples/demo/azldev.toml`, message: 'the server answered HTTP 404' } });
  });
});
