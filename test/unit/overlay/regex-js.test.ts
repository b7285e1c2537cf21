import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { translateToJs } from '../../../src/lib/overlay/regex-js.ts';
import { Re2Pattern, re2Test, replaceAllLiteral } from '../../../src/lib/overlay/regex.ts';

const NO_LITERALS = { literal: null, required: '' };

/** A small deterministic generator (mulberry32), so a failing case can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ATOMS = ['a', 'b', 'F', 'f', '%', '-', ' ', '{', '}', '😀', 'é', '.', '[Ff]', '[^a]', '[a-c]', '[%_]', '\\.', '\\{', '\\$', '\\-', '\\\\'];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '*?', '+?', '??'];
const TEXT_PIECES = ['a', 'b', 'F', 'f', '%', '-', ' ', '{', '}', '😀', 'é', '.', '$', '\\', '\n', '\r', '\u2028', 'ab', 'Fedora'];

function randomPattern(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  let source = next() < 0.2 ? '^' : '';
  const length = 1 + Math.floor(next() * 4);
  for (let i = 0; i < length; i += 1) source += pick(ATOMS) + pick(QUANTIFIERS);
  return next() < 0.2 ? `${source}$` : source;
}

function randomText(next: () => number): string {
  let text = '';
  const length = Math.floor(next() * 12);
  for (let i = 0; i < length; i += 1) text += TEXT_PIECES[Math.floor(next() * TEXT_PIECES.length)];
  return text;
}

describe('RE2 patterns run on V8 where both read them alike', () => {
  it.each([
    ['%define specversion .+', '%define specversion [^\\n]+'],
    ['^BuildRequires:.*unsignedx64.*$', '^BuildRequires:[^\\n]*unsignedx64[^\\n]*$'],
    ['[Ff]edora', '[Ff]edora'],
    ['%\\{_datadir\\}/x\\.igvm', '%\\{_datadir\\}\\/x\\.igvm'],
    ['a{,5}', 'a\\{,5\\}'],
    ['colou??r', 'colou??r'],
  ])('translates %s', (source, js) => {
    expect(translateToJs(source)?.source).toBe(js);
  });

  it.each(['(a)', 'a|b', 'a{2}', '\\s+', '\\d', 'a**', '^*', '*a', '[a-]', '[]a]', '[z-a]', '(?i)x', 'a]', 'a$b', 'x^', '[\\]]', '[[:alpha:]]', '\\pL', 'trailing\\'])(
    'leaves %s to RE2',
    (source) => {
      expect(translateToJs(source)).toBeNull();
    },
  );

  it('finds the same matches as RE2 for 3000 generated patterns', () => {
    const next = random(20261122);
    for (let n = 0; n < 3000; n += 1) {
      const source = randomPattern(next);
      const js = translateToJs(source);
      expect(js, source).not.toBeNull();
      const viaV8 = new Re2Pattern(source, NO_LITERALS, js);
      const viaRe2 = new Re2Pattern(source, NO_LITERALS, null, RE2JS.compile(source));
      for (let k = 0; k < 4; k += 1) {
        const text = randomText(next);
        const what = `${source} on ${JSON.stringify(text)}`;
        expect(replaceAllLiteral(viaV8, text, '<>'), what).toBe(replaceAllLiteral(viaRe2, text, '<>'));
        expect(re2Test(viaV8, text), what).toBe(re2Test(viaRe2, text));
      }
    }
  });
});
