import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headerPolicy, inlineScriptHashes, metaPolicy } from '../../../scripts/content-security-policy.ts';
import { ROOT } from '../../support/wasm.ts';

describe('the one Content-Security-Policy', () => {
  it('is the header README tells servers to send', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`    Content-Security-Policy: ${headerPolicy()}\n`);
  });

  it("allows a page's inline scripts by their sha256 and nothing else inline", () => {
    const html = '<script type="module" src="/src/main.ts"></script><script>\n  var a = 1;\n</script>';
    const hashes = inlineScriptHashes(html);
    expect(hashes).toEqual([`'sha256-${createHash('sha256').update('\n  var a = 1;\n').digest('base64')}'`]);
    expect(metaPolicy(hashes)).toContain(`script-src 'self' 'wasm-unsafe-eval' ${hashes[0]};`);
    expect(metaPolicy()).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(metaPolicy()).not.toContain("'unsafe-eval'");
  });

  it('both pages carry only the placeholder the build fills in', () => {
    for (const page of ['index.html', 'embed.html']) expect(readFileSync(join(ROOT, page), 'utf8')).toContain('<meta http-equiv="Content-Security-Policy" content="%AZL_CSP%" />');
  });
});
