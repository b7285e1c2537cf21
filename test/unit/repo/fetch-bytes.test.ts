import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKED_PORTS, fetchBytes, networkFailureKind } from '../../../src/lib/repo/fetch-bytes.ts';

// Real sockets on loopback: a server that answers, and a port nobody listens on.
let server: Server;
let base = '';
let closedPort = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/gone') res.writeHead(410).end();
    else if (req.url === '/busy') res.writeHead(503, 'Service Unavailable').end();
    else res.writeHead(200, { 'content-type': 'application/xml' }).end('<repomd/>');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));
});
afterAll(() => new Promise((r) => server.close(r)));

const get = (url: string) => fetchBytes(url, { fetch: globalThis.fetch, appOrigin: undefined });

describe('fetchBytes tells failures apart', () => {
  it('downloads what the server sends', async () => {
    const r = await get(`${base}/repodata/repomd.xml`);
    expect(r.ok && new TextDecoder().decode(r.value.bytes)).toBe('<repomd/>');
  });

  it('a refused connection, a missing host and a blocked port each have their own message', async () => {
    const refused = await get(`http://127.0.0.1:${closedPort}/repo/`);
    expect(refused).toMatchObject({ ok: false, error: { code: 'repo/refused', message: `Nothing answers at 127.0.0.1 port ${closedPort}: the connection was refused.` } });
    const missing = await get('http://no-such-host.invalid/repo/');
    expect(missing).toMatchObject({ ok: false, error: { code: 'repo/host-not-found', message: 'The host no-such-host.invalid was not found (no DNS record).' } });
    const blocked = await get('http://127.0.0.1:6000/repo/');
    expect(blocked).toMatchObject({ ok: false, error: { code: 'repo/blocked-port' } });
    expect(blocked.ok || blocked.error.message).toContain('port 6000');
  });

  it('HTTP statuses are named', async () => {
    expect(await get(`${base}/gone`)).toMatchObject({ ok: false, error: { code: 'repo/http-not-found', message: expect.stringContaining('HTTP 410') } });
    expect(await get(`${base}/busy`)).toMatchObject({ ok: false, error: { code: 'repo/http-error', message: expect.stringContaining('HTTP 503 Service Unavailable') } });
  });
});

describe('networkFailureKind (what a browser leaves to go on)', () => {
  const browserError = new TypeError('Failed to fetch');
  it('reads a blocked port and mixed content off the URL, offline off the browser', () => {
    expect(BLOCKED_PORTS.has(10080)).toBe(true);
    expect(networkFailureKind('http://mirror.example:10080/x', browserError)).toBe('blocked-port');
    expect(networkFailureKind('http://mirror.example/x', browserError, { appOrigin: 'https://app.example' })).toBe('mixed-content');
    expect(networkFailureKind('https://mirror.example/x', browserError, { appOrigin: 'https://app.example', online: false })).toBe('offline');
  });
  it('a server that answers a no-cors request lacks CORS; one that does not is unreachable', () => {
    expect(networkFailureKind('https://mirror.example/x', browserError, { appOrigin: 'https://app.example', reachableWithoutCors: true })).toBe('cors');
    expect(networkFailureKind('https://mirror.example/x', browserError, { appOrigin: 'https://app.example', reachableWithoutCors: false })).toBe('unreachable');
  });
});
