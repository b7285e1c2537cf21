// The pages' Content-Security-Policy, written once: vite.config.ts puts it into index.html and
// embed.html (with the sha256 of each page's inline scripts), and README's "Security headers" shows
// the header form a server sends (a unit test keeps the two equal).
import { createHash } from 'node:crypto';

/** The policy's directives, in order; `script-src` gets each page's inline-script hashes appended. */
const DIRECTIVES: [string, string][] = [
  ['default-src', "'self'"],
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self'"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self' http: https:"],
  ['object-src', "'none'"],
  ['base-uri', "'self'"],
  ['form-action', "'none'"],
  ['require-trusted-types-for', "'script'"],
  ['trusted-types', 'svelte-trusted-html default'],
];

/** Vite's dev server talks to the page over a local websocket. */
const DEV_CONNECT = 'ws://127.0.0.1:* ws://localhost:*';

/** The sha256 source expressions of HTML's inline (src-less) scripts. */
export function inlineScriptHashes(html: string): string[] {
  return [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1] ?? '').digest('base64')}'`);
}

/** The policy as a page's meta tag carries it: its inline scripts' hashes, and the dev server's websocket. */
export function metaPolicy(hashes: string[] = []): string {
  return DIRECTIVES.map(([name, value]) => {
    if (name === 'script-src' && hashes.length) return `${name} ${value} ${hashes.join(' ')}`;
    if (name === 'connect-src') return `${name} ${value} ${DEV_CONNECT}`;
    return `${name} ${value}`;
  }).join('; ');
}

/** The policy as a server sends it for index.html (a header can say `frame-ancestors`, a meta tag cannot). */
export function headerPolicy(): string {
  return `${DIRECTIVES.map(([name, value]) => `${name} ${value}`).join('; ')}; frame-ancestors 'none'`;
}
