import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { launchProfile, runPage } from '../../bench/chromium.ts';
import type { BenchRequest } from '../../bench/browser/protocol.ts';

// The bench's browser, not the app: its returning visitor must have what a real one has.

/** A page that answers the bench's protocol once its hashed script has run. */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench page</title><link rel="icon" href="data:,"></head>
<body><script src="/assets/probe-0123abcd.js"></script></body></html>`;
const SCRIPT = `window.__benchResult = { ok: true, result: { mode: 'warm' } };`;

/** Serves PAGE and SCRIPT as a static host does (hashed assets immutable) and counts the script's requests. */
async function serve(): Promise<{ origin: string; scriptRequests: () => number; close: () => Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    if (req.url === '/assets/probe-0123abcd.js') {
      requests++;
      res.writeHead(200, { 'content-type': 'text/javascript', 'cache-control': 'public, max-age=31536000, immutable' }).end(SCRIPT);
    } else if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-cache' }).end(PAGE);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { origin: `http://127.0.0.1:${address.port}`, scriptRequests: () => requests, close: () => new Promise((closed) => server.close(() => closed())) };
}

test("the bench's returning visitor takes hashed assets from the HTTP cache (Playwright routing had turned it off)", async () => {
  const server = await serve();
  const profile = mkdtempSync(join(tmpdir(), 'azl-bench-browser-'));
  const context = await launchProfile(profile);
  try {
    const errors: string[] = [];
    const request = { mode: 'warm', repoUrl: `${server.origin}/repos/`, dbName: 'unused', firstRequest: { specs: ['bash'] } } as BenchRequest;
    await runPage(context, server.origin, request, errors);
    await runPage(context, server.origin, request, errors);
    expect(errors).toEqual([]);
    expect(server.scriptRequests()).toBe(1);
  } finally {
    await context.close();
    await server.close();
    rmSync(profile, { recursive: true, force: true });
  }
});

test("the bench's browser refuses anything beyond loopback by its own flags", async () => {
  const profile = mkdtempSync(join(tmpdir(), 'azl-bench-browser-'));
  const context = await launchProfile(profile);
  try {
    const page = await context.newPage();
    // an address literal skips name resolution; it must still go nowhere but the missing proxy
    await expect(page.goto('http://192.0.2.1/')).rejects.toThrow(/ERR_PROXY_CONNECTION_FAILED/);
    await expect(page.goto('http://example.com/')).rejects.toThrow(/ERR_NAME_NOT_RESOLVED|ERR_PROXY_CONNECTION_FAILED/);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
