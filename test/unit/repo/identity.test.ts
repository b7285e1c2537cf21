import { describe, expect, it } from 'vitest';
import { bundleIdentity, identityOfSource, localIdentity, locationsOfIdentity, parseRepoIdentity, sourceOfIdentity, sourceOfLocation, urlIdentity } from '../../../src/lib/repo/index.ts';

describe('repository identities', () => {
  it('round-trips every kind through format and parse', () => {
    expect(parseRepoIdentity(bundleIdentity('centos'))).toEqual({ kind: 'bundle', id: 'centos' });
    expect(parseRepoIdentity(urlIdentity('https://m.example/os/'))).toEqual({ kind: 'url', url: 'https://m.example/os/' });
    expect(parseRepoIdentity(localIdentity('ab12'))).toEqual({ kind: 'local', repomdSha256: 'ab12' });
    expect(parseRepoIdentity('centos')).toBeUndefined();
  });

  it('names the source to read an identity again; dropped files have none', () => {
    expect(sourceOfIdentity('bundle:centos')).toEqual({ kind: 'bundle', id: 'centos' });
    expect(sourceOfIdentity('url:https://m.example/os/')).toEqual({ kind: 'url', url: 'https://m.example/os/' });
    expect(sourceOfIdentity('local:ab12')).toBeUndefined();
  });

  it('maps configured locations to sources: bundle:<id> is bundled, anything else a URL', () => {
    expect(sourceOfLocation('bundle:centos')).toEqual({ kind: 'bundle', id: 'centos' });
    expect(sourceOfLocation('bundle:centos/')).toEqual({ kind: 'bundle', id: 'centos' });
    expect(sourceOfLocation('https://m.example/os/')).toEqual({ kind: 'url', url: 'https://m.example/os/' });
    expect(sourceOfLocation('url:https://m.example/os/')).toEqual({ kind: 'url', url: 'https://m.example/os/' });
  });

  it('knows the cache identity of a source before reading it, except for metalinks, mirrorlists and files', () => {
    expect(identityOfSource({ kind: 'bundle', id: 'centos' })).toBe('bundle:centos');
    expect(identityOfSource({ kind: 'url', url: 'https://m.example/$basearch/os/repodata/repomd.xml', vars: { basearch: 'x86_64' } })).toBe('url:https://m.example/x86_64/os/');
    expect(identityOfSource({ kind: 'url', url: 'https://m.example/os' })).toBe('url:https://m.example/os/');
    expect(identityOfSource({ kind: 'url', url: 'https://mirrors.example/metalink?repo=f43' })).toBeUndefined();
    expect(identityOfSource({ kind: 'local', files: [] })).toBeUndefined();
  });

  it('matches a url identity by its URL too', () => {
    expect(locationsOfIdentity('url:https://m.example/os/')).toEqual(['url:https://m.example/os/', 'https://m.example/os/']);
    expect(locationsOfIdentity('bundle:centos')).toEqual(['bundle:centos']);
  });

  it('names metadata packs by their folder, whether given as pack:<URL> or as the URL of pack.json', () => {
    expect(sourceOfLocation('pack:https://docs.example/packs/f43')).toEqual({ kind: 'pack', url: 'https://docs.example/packs/f43/' });
    expect(sourceOfLocation('https://docs.example/packs/f43/pack.json')).toEqual({ kind: 'pack', url: 'https://docs.example/packs/f43/' });
    expect(identityOfSource({ kind: 'pack', url: 'https://docs.example/packs/f43/pack.json' })).toBe('pack:https://docs.example/packs/f43/');
    expect(parseRepoIdentity('pack:https://docs.example/packs/f43/')).toEqual({ kind: 'pack', url: 'https://docs.example/packs/f43/' });
    expect(sourceOfIdentity('pack:https://docs.example/packs/f43/')).toEqual({ kind: 'pack', url: 'https://docs.example/packs/f43/' });
    expect(locationsOfIdentity('pack:https://docs.example/packs/f43/')).toEqual(['pack:https://docs.example/packs/f43/', 'https://docs.example/packs/f43/', 'https://docs.example/packs/f43/pack.json']);
  });
});
