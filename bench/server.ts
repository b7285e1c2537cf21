/** A loopback-only static server for the browser bench: built pages and fixture repositories, optionally bandwidth-limited. */
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.gz': 'application/gzip',
  '.map': 'application/json',
  '.toml': 'text/plain; charset=utf-8',
};

/** One URL prefix served from one directory. */
export interface Mount {
  prefix: string;
  dir: string;
  /** Bytes per second over all of this mount's responses together (one shared link); unlimited when absent. */
  bytesPerSecond?: number;
  /** This mount's caching, instead of the server's. */
  caching?: ServeOptions['caching'];
}

/** How the server behaves. */
export interface ServeOptions {
  /** COOP/COEP headers (cross-origin isolation: 5 µs timers in workers). Default on. */
  isolated?: boolean;
  /** `immutable`: content-hashed `/assets/` files may be cached for a year, the rest revalidated (what a static host does); default no-store. */
  caching?: 'no-store' | 'immutable';
}

/** A running server: its origin and how to stop it. */
export interface StaticServer {
  origin: string;
  close(): Promise<void>;
}

/** A link of fixed bandwidth shared by every response of one mount: a 5 ms tick hands out the bytes the elapsed time allows, oldest response first. */
class Link {
  private readonly queue: { bytes: Buffer; sent: number; res: ServerResponse }[] = [];
  private timer: ReturnType<typeof setInterval> | undefined;
  private last = 0;

  constructor(private readonly bytesPerSecond: number) {}

  send(bytes: Buffer, res: ServerResponse): void {
    this.queue.push({ bytes, sent: 0, res });
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), 5);
  }

  private tick(): void {
    const now = performance.now();
    let budget = Math.floor(((now - this.last) * this.bytesPerSecond) / 1000);
    this.last = now;
    while (budget > 0 && this.queue.length > 0) {
      const head = this.queue[0] as (typeof this.queue)[number];
      const n = Math.min(budget, head.bytes.length - head.sent);
      head.res.write(head.bytes.subarray(head.sent, head.sent + n));
      head.sent += n;
      budget -= n;
      if (head.sent === head.bytes.length) {
        head.res.end();
        this.queue.shift();
      }
    }
    if (this.queue.length === 0) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }
}

/**
 * Serves MOUNTS on 127.0.0.1 (a free port). Files go out as stored (no Content-Encoding), so a .gz
 * is decompressed by the app's code, not by the network stack.
 */
export function serveStatic(mounts: Mount[], options: ServeOptions = {}): Promise<StaticServer> {
  const roots = mounts.map((m) => ({ prefix: m.prefix, dir: resolve(m.dir), link: m.bytesPerSecond ? new Link(m.bytesPerSecond) : undefined, caching: m.caching ?? options.caching }));
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const headers: Record<string, string> = options.isolated === false ? {} : { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };
    const mount = roots.find((m) => path.startsWith(m.prefix));
    const caching = mount?.caching ?? options.caching;
    headers['cache-control'] = caching === 'immutable' ? (path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache') : 'no-store';
    const file = mount ? normalize(join(mount.dir, path.slice(mount.prefix.length) || 'index.html')) : '';
    let size = -1;
    let mtime = new Date(0);
    try {
      if (mount && file.startsWith(mount.dir)) {
        const stat = statSync(file);
        if (stat.isFile()) ({ size, mtime } = stat);
      }
    } catch {
      size = -1;
    }
    if (size < 0) {
      res.writeHead(404, headers).end('not found');
      return;
    }
    if (caching === 'immutable' && req.headers['if-modified-since'] === mtime.toUTCString()) {
      res.writeHead(304, headers).end();
      return;
    }
    res.writeHead(200, { ...headers, 'last-modified': mtime.toUTCString(), 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size });
    const link = mount?.link;
    if (link) link.send(readFileSync(file), res);
    else createReadStream(file).pipe(res);
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
