import { describe, expect, it } from 'vitest';
import { indexKeys } from '../../../src/lib/config/toml-locate.ts';

const DOC = `# comment with [brackets] and key = "value"
top = "a" # trailing
[a.'b.c']
dotted.key.here = 1
multi = """
x = "not a key"
[not.a.table]
"""
arr = [
  { name = "n1", kind = "k" },  # one
  [1, 2],
  'lit',
]
[[a.list]]
x = 1
[[a.list]]
x = 2
[a.list.sub]
y = "z"
["quoted key"]
"k\\u0041" = true
`;

describe('indexKeys', () => {
  const index = indexKeys(DOC);

  it('locates top-level keys and table headers', () => {
    expect(index.get(['top'])).toEqual({ line: 2, col: 1 });
    expect(index.get(['a', 'b.c'])).toEqual({ line: 3, col: 1 });
    expect(index.get(['a'])).toEqual({ line: 3, col: 1 });
  });

  it('locates every segment of a dotted key at the key', () => {
    expect(index.get(['a', 'b.c', 'dotted'])).toEqual({ line: 4, col: 1 });
    expect(index.get(['a', 'b.c', 'dotted', 'key', 'here'])).toEqual({ line: 4, col: 1 });
  });

  it('skips multi-line strings and comments', () => {
    expect(index.get(['a', 'b.c', 'multi'])).toEqual({ line: 5, col: 1 });
    expect(index.get(['not'])).toBeUndefined();
    expect(index.get(['x'])).toBeUndefined();
  });

  it('locates array elements and inline-table keys across lines', () => {
    expect(index.get(['a', 'b.c', 'arr', 0])).toEqual({ line: 10, col: 3 });
    expect(index.get(['a', 'b.c', 'arr', 0, 'kind'])).toEqual({ line: 10, col: 18 });
    expect(index.get(['a', 'b.c', 'arr', 1, 1])).toEqual({ line: 11, col: 7 });
    expect(index.get(['a', 'b.c', 'arr', 2])).toEqual({ line: 12, col: 3 });
  });

  it('numbers arrays of tables and nests sub-tables under the current element', () => {
    expect(index.get(['a', 'list', 0, 'x'])).toEqual({ line: 15, col: 1 });
    expect(index.get(['a', 'list', 1])).toEqual({ line: 16, col: 1 });
    expect(index.get(['a', 'list', 1, 'sub', 'y'])).toEqual({ line: 19, col: 1 });
  });

  it('decodes quoted keys', () => {
    expect(index.get(['quoted key', 'kA'])).toEqual({ line: 21, col: 1 });
  });

  it('falls back to the nearest located ancestor', () => {
    expect(index.nearest(['a', 'list', '1', 'sub', 'missing'].join('\u0000'))).toEqual({ line: 18, col: 1 });
  });
});
