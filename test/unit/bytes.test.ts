import { describe, expect, it } from 'vitest';
import { concatBytes } from '../../src/lib/bytes.ts';

describe('concatBytes', () => {
  it('joins chunks in order, views into larger buffers included', () => {
    const big = new Uint8Array([9, 9, 1, 2, 9]);
    expect([...concatBytes([new Uint8Array([0]), big.subarray(2, 4), new Uint8Array([3, 4])])]).toEqual([0, 1, 2, 3, 4]);
  });

  it('pads with zeros up to a larger total', () => {
    expect([...concatBytes([new Uint8Array([7])], 3)]).toEqual([7, 0, 0]);
  });

  it('gives an empty array for no chunks', () => {
    expect(concatBytes([]).byteLength).toBe(0);
  });
});
