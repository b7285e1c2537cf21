#!/usr/bin/env node
// A small static file server for browser tests: serves ROOT over HTTP on 127.0.0.1 with CORS
// headers (the app fetches from another origin, like a real mirror). `/nocors/…` serves the same
// files without CORS headers; `/slow/…` sends them at about 256 KiB/s (slow downloads, Cancel) and
// logs `closed-early:PATH` when the client hangs up before the end; `/__log` returns and `/__log/reset` clears the list of requested paths,
// so tests can prove what was (not) fetched. Usage: static-server.mjs ROOT PORT
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const port = Number(process.argv[3] ?? 4174);
const types = { '.xml': 'application/xml', '.gz': 'application/gzip', '.zst': 'application/zstd', '.xz': 'application/x-xz', '.json': 'application/json', '.txt': 'text/plain', '.html': 'text/html' };
let log = [];

createServer((req, res) => {
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
  let path = decodeURIComponent(url.pathname);
  if (path === '/__log') {
    res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(log));
    return;
  }
  if (path === '/__log/reset') {
    log = [];
    res.writeHead(204, { 'access-control-allow-origin': '*' });
    res.end();
    return;
  }
  log.push(path);
  const slow = path.startsWith('/slow/');
  if (slow) path = path.slice('/slow'.length);
  const cors = !path.startsWith('/nocors/');
  if (!cors) path = path.slice('/nocors'.length);
  const headers = cors ? { 'access-control-allow-origin': '*' } : {};
  const file = normalize(join(root, path));
  if (!file.startsWith(root)) {
    res.writeHead(403, headers).end('forbidden');
    return;
  }
  let stat;
  try {
    stat = statSync(file);
  } catch {
    res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
    return;
  }
  if (stat.isDirectory()) {
    res.writeHead(404, { ...headers, 'content-type': 'text/html' }).end('<html><body><h1>404 Not Found</h1></body></html>');
    return;
  }
  res.writeHead(200, { ...headers, 'content-type': types[extname(file)] ?? 'application/octet-stream', 'content-length': stat.size });
  if (!slow) {
    createReadStream(file).pipe(res);
    return;
  }
  const stream = createReadStream(file, { highWaterMark: 16 * 1024 });
  stream.on('data', (chunk) => {
    stream.pause();
    res.write(chunk);
    setTimeout(() => stream.resume(), 60);
  });
  stream.on('end', () => res.end());
  res.on('close', () => {
    if (res.writableFinished) return;
    log.push(`closed-early:${path}`);
    stream.destroy();
  });
}).listen(port, '127.0.0.1', () => console.log(`static-server: ${root} on http://127.0.0.1:${port}`));
