/** One run of an edit script: lines kept, removed from the old version, or added in the new one. */
export interface EditRun {
  op: 'equal' | 'delete' | 'insert';
  count: number;
}

// Beyond this many edits the middle part is reported as one replaced block: overlays make few,
// local edits, and Myers' trace costs memory quadratic in the number of edits.
const MAX_EDITS = 1000;

function push(runs: EditRun[], op: EditRun['op'], count: number): void {
  if (count === 0) return;
  const last = runs[runs.length - 1];
  if (last && last.op === op) last.count += count;
  else runs.push({ op, count });
}

// Myers' O(ND) diff on the part between the common prefix and suffix; returns runs in order.
function myers(a: readonly string[], b: readonly string[], aStart: number, aEnd: number, bStart: number, bEnd: number): EditRun[] | null {
  const n = aEnd - aStart;
  const m = bEnd - bStart;
  const limit = Math.min(n + m, MAX_EDITS);
  const offset = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= limit; d += 1) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number)) ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[aStart + x] === b[bStart + y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d - 1, offset + d + 2));
        return backtrack(trace, n, m);
      }
    }
    trace.push(v.slice(offset - d - 1, offset + d + 2));
  }
  return null;
}

function backtrack(trace: Int32Array[], n: number, m: number): EditRun[] {
  const reversed: EditRun[] = [];
  let x = n;
  let y = m;
  // trace[d] holds diagonals -d-1 … d+1 after step d, at index k + d + 1.
  const at = (d: number, k: number) => (trace[d] as Int32Array)[k + d + 1] as number;
  for (let d = trace.length - 1; d > 0; d -= 1) {
    const k = x - y;
    const prevK = k === -d || (k !== d && at(d - 1, k - 1) < at(d - 1, k + 1)) ? k + 1 : k - 1;
    const prevX = at(d - 1, prevK);
    const prevY = prevX - prevK;
    // The diagonal run after the single edit of step d.
    const equal = Math.min(x - prevX, y - prevY);
    push(reversed, 'equal', equal);
    x -= equal;
    y -= equal;
    if (prevK === k + 1) {
      push(reversed, 'insert', 1);
      y -= 1;
    } else {
      push(reversed, 'delete', 1);
      x -= 1;
    }
  }
  push(reversed, 'equal', x);
  return reversed.reverse().reduce<EditRun[]>((runs, run) => {
    push(runs, run.op, run.count);
    return runs;
  }, []);
}

/** The edit script turning `a` into `b`, trimming the common prefix and suffix first. */
export function diffLines(a: readonly string[], b: readonly string[]): EditRun[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  const runs: EditRun[] = [];
  push(runs, 'equal', prefix);
  const middle = myers(a, b, prefix, a.length - suffix, prefix, b.length - suffix);
  if (middle) for (const run of middle) push(runs, run.op, run.count);
  else {
    push(runs, 'delete', a.length - suffix - prefix);
    push(runs, 'insert', b.length - suffix - prefix);
  }
  push(runs, 'equal', suffix);
  return runs;
}
