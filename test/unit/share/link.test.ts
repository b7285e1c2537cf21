import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzip, toBase64Url } from '../../../src/lib/share/codec.ts';
import { decodeShareHash, describeShareLinkError, encodeShareHash, isShareHash, MAX_SHARE_JSON_BYTES, type SharedProject } from '../../../src/lib/share/link.ts';

const fixtures = JSON.parse(readFileSync(new URL('./fixtures/links-v1.json', import.meta.url), 'utf8')) as {
  links: { name: string; hash: string; expect: SharedProject }[];
};

const project: SharedProject = {
  base: 'demo',
  files: { 'b/new.toml': 'x = "é ✓"\n', 'a/gone.spec': null },
  image: 'vm-base',
  profile: null,
  settings: { arch: 'aarch64', weakDeps: false, best: true },
  metadata: { 'centos-stream-9-baseos': 'a'.repeat(64) },
};

async function hashOfJson(json: string): Promise<string> {
  return `#v1/${toBase64Url(await gzip(new TextEncoder().encode(json)))}`;
}

describe('share links, format v1', () => {
  it('round-trips a project, non-ASCII text and deletions included', async () => {
    const hash = await encodeShareHash(project);
    expect(hash).toMatch(/^v1\/[A-Za-z0-9_-]+$/);
    expect(await decodeShareHash(`#${hash}`)).toEqual({ ok: true, value: { ...project, files: { 'a/gone.spec': null, 'b/new.toml': 'x = "é ✓"\n' } } });
  });

  it('writes equal links for equal projects, whatever order the files were listed in', async () => {
    const reordered = { ...project, files: { 'a/gone.spec': null, 'b/new.toml': 'x = "é ✓"\n' } };
    expect(await encodeShareHash(reordered)).toBe(await encodeShareHash(project));
  });

  it('ignores keys it does not know, and leaves a switch the link does not set to the image', async () => {
    const decoded = await decodeShareHash(await hashOfJson(JSON.stringify({ base: 'demo', image: 'toolbox', future: { x: 1 }, settings: { best: false, colour: 'red' } })));
    expect(decoded).toEqual({ ok: true, value: { base: 'demo', files: {}, image: 'toolbox', profile: null, settings: { arch: 'x86_64', best: false }, metadata: {} } });
  });

  it.each(fixtures.links)('still opens the kept link $name', async ({ hash, expect: wanted }) => {
    expect(await decodeShareHash(hash)).toEqual({ ok: true, value: wanted });
  });

  it('refuses a link of a newer format and says so', async () => {
    const decoded = await decodeShareHash('#v2/H4sIAAAAAAAA');
    expect(decoded).toEqual({ ok: false, error: { kind: 'newer', version: 2 } });
    if (!decoded.ok) expect(describeShareLinkError(decoded.error).message).toContain('newer version of the playground');
  });

  it.each([
    ['a cut-off payload', async () => (await encodeShareHash(project)).slice(0, 42), 'incomplete or not gzip'],
    ['characters outside base64url', async () => 'v1/abc$def', 'not base64url'],
    ['a payload cut mid-character', async () => (await encodeShareHash(project)).slice(0, 40), 'cut off mid-character'],
    ['an empty payload', async () => 'v1/', 'not base64url'],
    ['a version that never existed', async () => 'v0/AAAA', 'never was a format v0'],
    ['JSON that is not an object', async () => (await hashOfJson('[1,2]')).slice(1), 'not a JSON object'],
    ['a path climbing out of the project', async () => (await hashOfJson('{"base":"demo","image":"x","files":{"../etc/passwd":"x"}}')).slice(1), 'not a path inside a project'],
    ['a file that is a number', async () => (await hashOfJson('{"base":"demo","image":"x","files":{"a":1}}')).slice(1), 'neither text nor null'],
    ['an unknown architecture', async () => (await hashOfJson('{"base":"demo","image":"x","settings":{"arch":"vax"}}')).slice(1), 'not an architecture'],
    ['bytes that are not UTF-8', async () => `v1/${toBase64Url(await gzip(new Uint8Array([0x7b, 0xff, 0x7d])))}`, 'not UTF-8 JSON'],
  ])('calls %s damaged, with the reason', async (_what, make, reason) => {
    const decoded = await decodeShareHash(await make());
    expect(decoded.ok).toBe(false);
    if (decoded.ok || decoded.error.kind !== 'corrupt') throw new Error('expected a corrupt link');
    expect(decoded.error.detail).toContain(reason);
    expect(describeShareLinkError(decoded.error).hint).toContain('demo project is open instead');
  });

  it('stops unpacking a link that would unpack past the limit (a gzip bomb)', async () => {
    const bomb = await gzip(new Uint8Array(MAX_SHARE_JSON_BYTES + 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const decoded = await decodeShareHash(`v1/${toBase64Url(bomb)}`);
    expect(decoded).toEqual({ ok: false, error: { kind: 'corrupt', detail: 'it unpacks to more than 16 MB' } });
  });

  it('tells share hashes from other fragments', () => {
    expect(isShareHash('#v1/abc')).toBe(true);
    expect(isShareHash('v12/abc')).toBe(true);
    expect(isShareHash('#section-2')).toBe(false);
    expect(isShareHash('')).toBe(false);
  });
});
