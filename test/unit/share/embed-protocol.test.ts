import { describe, expect, it } from 'vitest';
import { embedResultOf, readEmbedOptions, readHostRequest } from '../../../src/lib/share/embed-protocol.ts';
import type { ImageBuildOutcome } from '../../../src/lib/project/image-session.ts';

describe("embed.html's query", () => {
  it('reads every parameter, and falls back to the defaults on values it does not know', () => {
    expect(readEmbedOptions(new URLSearchParams('project=demo&image=vm-base&view=why&editable=1&theme=dark&host=https://docs.example/path&accent=%230b6bcb&font=Inter, sans-serif'))).toEqual({
      project: 'demo',
      image: 'vm-base',
      view: 'why',
      editable: true,
      theme: 'dark',
      host: 'https://docs.example',
      accent: '#0b6bcb',
      font: 'Inter, sans-serif',
    });
    expect(readEmbedOptions(new URLSearchParams('view=everything&theme=neon&host=javascript:alert(1)&accent=red;}body{display:none&project=../x'))).toEqual({
      project: 'demo',
      image: null,
      view: 'packages',
      editable: false,
      theme: 'auto',
      host: null,
      accent: null,
      font: null,
    });
  });
});

describe('postMessage API v1 requests', () => {
  it('ignores messages that are not azl requests (other scripts post too), and its own replies and events', () => {
    expect(readHostRequest('hello')).toBeUndefined();
    expect(readHostRequest({ type: 'webpack' })).toBeUndefined();
    expect(readHostRequest({ azl: 1, event: 'resize', data: {} })).toBeUndefined();
    expect(readHostRequest({ azl: 1, id: 'a', ok: true, result: null })).toBeUndefined();
  });

  it('reads each method with its parameters', () => {
    expect(readHostRequest({ azl: 1, id: 'a', method: 'getResult' })).toEqual({ ok: true, value: { id: 'a', method: 'getResult' } });
    expect(readHostRequest({ azl: 1, id: 'b', method: 'getExport', params: { format: 'spdx' } })).toEqual({ ok: true, value: { id: 'b', method: 'getExport', format: 'spdx' } });
    expect(readHostRequest({ azl: 1, id: 'c', method: 'setFiles', params: { files: { 'a.toml': 'x', 'b.ks': null } } })).toEqual({ ok: true, value: { id: 'c', method: 'setFiles', files: { 'a.toml': 'x', 'b.ks': null } } });
    expect(readHostRequest({ azl: 1, id: 'd', method: 'setImage', params: { image: 'vm-base' } })).toEqual({ ok: true, value: { id: 'd', method: 'setImage', image: 'vm-base', profile: null } });
  });

  it.each([
    [{ azl: 2, id: 'a', method: 'getResult' }, 'API version 1, not 2'],
    [{ azl: 1, method: 'getResult' }, 'no "id"'],
    [{ azl: 1, id: 'a', method: 'rm -rf' }, 'unknown method "rm -rf"'],
    [{ azl: 1, id: 'a', method: 'getExport', params: { format: 'pdf' } }, '"format" must be one of manifest'],
    [{ azl: 1, id: 'a', method: 'setFiles', params: { files: { '../x': 'y' } } }, 'not a path inside the project'],
    [{ azl: 1, id: 'a', method: 'setFiles', params: { files: { x: 3 } } }, 'neither text nor null'],
    [{ azl: 1, id: 'a', method: 'setImage', params: {} }, '"image" must name an image'],
  ])('answers a malformed request %j with what is wrong', (data, message) => {
    const read = readHostRequest(data);
    expect(read?.ok).toBe(false);
    if (read && !read.ok) expect(read.error.message).toContain(message);
  });
});

describe('getResult answers', () => {
  const base = { image: 'vm-base', profile: null, buildMs: 1, overlayChanges: [], components: [], diagnostics: [], repos: [], layers: [] };
  it('lists sorted NEVRAs and the totals of a solved image', () => {
    const outcome = { ...base, result: { ok: true, packages: [{ nevra: 'b-1-1.noarch' }, { nevra: 'a-1-1.noarch' }], stats: { downloadSize: 10, installSize: 20 }, skipped: [] } } as unknown as ImageBuildOutcome;
    expect(embedResultOf(outcome)).toEqual({ image: 'vm-base', packages: ['a-1-1.noarch', 'b-1-1.noarch'], problems: null, totals: { count: 2, downloadBytes: 10, installBytes: 20 } });
  });
  it('gives the problem texts of an unsatisfiable one', () => {
    const outcome = { ...base, result: { ok: false, kind: 'problems', problems: [{ text: 'nothing provides foo needed by bar' }], text: '', stats: {} } } as unknown as ImageBuildOutcome;
    expect(embedResultOf(outcome)).toMatchObject({ packages: [], problems: ['nothing provides foo needed by bar'], totals: { count: 0 } });
  });
});
