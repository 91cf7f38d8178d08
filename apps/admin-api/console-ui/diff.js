// A line diff (longest common subsequence) of two revisions' content, as pretty-printed JSON.

/** The part of a revision that is its content; status and stamps are shown beside the diff, not in it. */
export function revisionContent(revision) {
  const { locales, thresholds, notes, record_schema, chapters } = revision;
  return JSON.stringify({ locales, thresholds, notes, record_schema, chapters }, null, 2).split('\n');
}

/** [{ kind: 'same' | 'added' | 'removed', text }] turning `before` into `after`. */
export function diffLines(before, after) {
  const n = before.length;
  const m = after.length;
  const lengths = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lengths[i][j] =
        before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
  const result = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (before[i] === after[j]) result.push({ kind: 'same', text: before[i++], at: j++ });
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) result.push({ kind: 'removed', text: before[i++] });
    else result.push({ kind: 'added', text: after[j++] });
  }
  while (i < n) result.push({ kind: 'removed', text: before[i++] });
  while (j < m) result.push({ kind: 'added', text: after[j++] });
  return result;
}

/** Runs of unchanged lines longer than 2 × context are folded into one "… N unchanged lines" entry. */
export function foldUnchanged(lines, context = 3) {
  const out = [];
  let run = [];
  const flush = (last) => {
    if (run.length > context * 2 + 1) {
      const head = out.length === 0 ? [] : run.slice(0, context);
      const tail = last ? [] : run.slice(-context);
      out.push(...head, { kind: 'fold', text: `… ${run.length - head.length - tail.length} unchanged lines` }, ...tail);
    } else out.push(...run);
    run = [];
  };
  for (const line of lines) {
    if (line.kind === 'same') run.push(line);
    else {
      flush(false);
      out.push(line);
    }
  }
  flush(true);
  return out;
}
