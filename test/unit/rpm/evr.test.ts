import { describe, expect, it } from 'vitest';
import { splitEvr } from '../../../src/lib/rpm/evr.ts';

describe('splitEvr', () => {
  it('splits at a digits-only epoch colon and the last dash', () => {
    expect(splitEvr('1:3.0.0-1.el9')).toEqual({ epoch: '1', version: '3.0.0', release: '1.el9' });
    expect(splitEvr('2.3-5.fc43')).toEqual({ epoch: '0', version: '2.3', release: '5.fc43' });
    expect(splitEvr('1.2-3-4')).toEqual({ epoch: '0', version: '1.2-3', release: '4' });
  });

  it('keeps a release absent when the string has none, as dependency versions do', () => {
    expect(splitEvr('1.0.8')).toEqual({ epoch: '0', version: '1.0.8', release: null });
    expect(splitEvr('2:1.0')).toEqual({ epoch: '2', version: '1.0', release: null });
  });

  it('leaves a colon that does not follow digits in the version', () => {
    expect(splitEvr('a:1-2')).toEqual({ epoch: '0', version: 'a:1', release: '2' });
  });
});
