/** A loopback-only static server for the browser bench: the built page and the fixture repositories. */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.gz': 'application/gzip',
  '.map': 'application/json',
};

/** One URL prefix served from one directory. */
export interface Mount {
  prefix: string;
  dir: string;
}

/** A running server: its origin and how to stop it. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves MOUNTS on 127.0.0.1 (a free port). COOP/COEP make the page cross-origin isolated, which
 * gives workers 5 µs performance.now() instead of 100 µs; files go out as stored (no
 * Content-Encoding), so the .gz is decompressed by the app's code, not by the network stack.
 */
export function serveStatic(mounts: Mount[]): Promise<StaticServer> {
  const roots = mounts.map((m) => ({ prefix: m.prefix, dir: resolve(m.dir) }));
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const headers = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cache-control': 'no-store' };
    const mount = roots.find((m) => path.startsWith(m.prefix));
    const file = mount ? normalize(join(mount.dir, path.slice(mount.prefix.length) || 'index.html')) : '';
    let size = -1;
    try {
      if (mount && file.startsWith(mount.dir)) {
        const stat = statSync(file);
        if (stat.isFile()) size = stat.size;
      }
    } catch {
      size = -1;
    }
    if (size < 0) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size });
    createReadStream(file).pipe(res);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') return fail(new Error('no port'));
      done({
        origin: `http://127.0.0.1:${address.port}`,
        close: () =>
          new Promise((closed) => {
            server.close(() => closed());
            server.closeAllConnections();
          }),
      });
    });
  });
}
