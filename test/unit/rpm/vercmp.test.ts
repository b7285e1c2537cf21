import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareEvr, rpmvercmp } from '../../../src/lib/rpm/vercmp.ts';

const VECTORS = readFileSync(join(import.meta.dirname, 'rpmvercmp-vectors.txt'), 'utf8')
  .split('\n')
  .map((line) => /^RPMVERCMP\((.*), (.*), (-?[01])\)$/.exec(line))
  .filter((m): m is RegExpExecArray => m !== null)
  .map((m) => ({ a: m[1] as string, b: m[2] as string, expected: Number(m[3]) }));

describe('rpmvercmp', () => {
  it('reads all of rpm\'s test vectors', () => {
    expect(VECTORS.length).toBe(103);
  });

  for (const { a, b, expected } of VECTORS) {
    it(`rpmvercmp(${a}, ${b}) = ${expected}`, () => {
      expect(rpmvercmp(a, b)).toBe(expected);
    });
  }
});

describe('compareEvr', () => {
  it('decides by epoch first, then version, then release', () => {
    expect(compareEvr({ epoch: 1, version: '1.0', release: '1' }, { epoch: 0, version: '9.9', release: '9' })).toBe(1);
    expect(compareEvr({ epoch: 0, version: '3.0.7', release: '27.el9' }, { epoch: 0, version: '3.0.7', release: '28.el9' })).toBe(-1);
    expect(compareEvr({ epoch: 0, version: '3.0.10', release: '1.el9' }, { epoch: 0, version: '3.0.7', release: '28.el9' })).toBe(1);
    expect(compareEvr({ epoch: 2, version: '1.0', release: '1.fc43' }, { epoch: 2, version: '1.0', release: '1.fc43' })).toBe(0);
  });

  it('treats a missing release as matching any release', () => {
    expect(compareEvr({ epoch: 0, version: '1.2' }, { epoch: 0, version: '1.2', release: '7' })).toBe(0);
  });
});
