/** One row of a side-by-side diff: a line on the left, the right, or both. */
export interface DiffRow {
  kind: 'same' | 'removed' | 'added' | 'changed';
  left?: { number: number; text: string };
  right?: { number: number; text: string };
}

/** Lines compared at most; beyond that a diff is shown as all changed. */
const MAX_CELLS = 4_000_000;

/**
 * A side-by-side line diff by longest common subsequence. Runs of removed
 * lines next to runs of added lines are paired into `changed` rows, so the
 * two columns stay aligned.
 */
export function lineDiff(before: string, after: string): DiffRow[] {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops: Array<{ op: '=' | '-' | '+'; i?: number; j?: number }> = [];
  if (a.length * b.length > MAX_CELLS) {
    a.forEach((_, i) => ops.push({ op: '-', i }));
    b.forEach((_, j) => ops.push({ op: '+', j }));
  } else {
    // lcs[i][j]: length of the LCS of a[i..] and b[j..].
    const lcs = Array.from(
      { length: a.length + 1 },
      () => new Uint32Array(b.length + 1),
    );
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        lcs[i][j] =
          a[i] === b[j]
            ? lcs[i + 1][j + 1] + 1
            : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        ops.push({ op: '=', i: i++, j: j++ });
      } else if (
        j < b.length &&
        (i >= a.length || lcs[i][j + 1] >= lcs[i + 1][j])
      ) {
        ops.push({ op: '+', j: j++ });
      } else {
        ops.push({ op: '-', i: i++ });
      }
    }
  }

  const rows: DiffRow[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const n = Math.max(removed.length, added.length);
    for (let k = 0; k < n; k++) {
      const l = removed[k];
      const r = added[k];
      let kind: DiffRow['kind'] = 'changed';
      if (r === undefined) kind = 'removed';
      else if (l === undefined) kind = 'added';
      rows.push({
        kind,
        left: l !== undefined ? { number: l + 1, text: a[l] } : undefined,
        right: r !== undefined ? { number: r + 1, text: b[r] } : undefined,
      });
    }
    removed = [];
    added = [];
  };
  for (const o of ops) {
    if (o.op === '-') removed.push(o.i!);
    else if (o.op === '+') added.push(o.j!);
    else {
      flush();
      rows.push({
        kind: 'same',
        left: { number: o.i! + 1, text: a[o.i!] },
        right: { number: o.j! + 1, text: b[o.j!] },
      });
    }
  }
  flush();
  return rows;
}

/**
 * Pretty-prints JSON (Avro, JSON Schema, CloudEvents) so that versions that
 * differ only in white space line up; other text is returned as it is.
 */
export function normalizeSchemaText(
  text: string,
  format: string | null,
): string {
  if (format === 'PROTOBUF') return text;
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
