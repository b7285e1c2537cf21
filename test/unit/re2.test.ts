import { describe, expect, it, vi } from 'vitest';

// The setup file loads the RE2 port for every test; a fresh module graph shows the page's worker
// before anything needed it.
async function freshModules() {
  vi.resetModules();
  const re2 = await import('../../src/lib/re2.ts');
  const regex = await import('../../src/lib/overlay/regex.ts');
  const rules = await import('../../src/lib/config/overlay-rules.ts');
  return { ...re2, ...regex, ...rules };
}

describe('the RE2 port loaded on first need (lib/re2.ts)', () => {
  it('plain and JS-compatible patterns compile and match without it', async () => {
    const { compileRe2, re2Test, re2Error } = await freshModules();
    const plain = compileRe2('Release: 1');
    const shared = compileRe2('Release: [0-9]+');
    expect(plain.ok && re2Test(plain.pattern, 'Release: 1%{?dist}')).toBe(true);
    expect(shared.ok && re2Test(shared.pattern, 'Release: 9%{?dist}')).toBe(true);
    expect(re2Error('^BuildRequires: +gcc$')).toBeUndefined();
  });

  it('a pattern only RE2 reads stops with Re2NotLoaded, and withRe2 loads the port and gives the verdict RE2 gives', async () => {
    const { compileRe2, re2Test, re2Error, withRe2, Re2NotLoaded } = await freshModules();
    // (?i) and \pL are outside the subset V8 reads alike
    expect(() => compileRe2('(?i)\\pL+ssh')).toThrow(Re2NotLoaded);
    expect(() => re2Error('(?i)\\pL+ssh')).toThrow(Re2NotLoaded);
    const compiled = await withRe2(() => compileRe2('(?i)\\pL+ssh'));
    // the failed first try left no "invalid" verdict behind in the compile caches
    expect(compiled.ok && re2Test(compiled.pattern, 'OpenSSH')).toBe(true);
    expect(re2Error('(?i)\\pL+ssh')).toBeUndefined();
    expect(await withRe2(() => re2Error('a(?=b)'))).toMatch(/invalid|missing|unexpected|perl/i);
  });
});
