/**
 * A word-level diff for the desk's history: the longest common subsequence of two texts'
 * words, as runs of kept, removed and added words. Pure and deterministic.
 *
 * Cost: the common prefix and suffix are cut first (an edit usually touches a few words), then
 * an LCS table over what is left, (n+1)×(m+1) cells of 32 bits. Above MAX_CELLS the
 * middle is reported as removed-then-added instead, so a pathological pair of texts cannot
 * take the isolate’s memory or CPU (1M cells: 4 MB, a few ms).
 */
type DiffOp = 'same' | 'del' | 'add';

export interface DiffRun {
  op: DiffOp;
  /** The run's words joined by single spaces. */
  text: string;
}

export const MAX_CELLS = 1_000_000;

/** Words as a reader sees them: whitespace separates, punctuation stays with its word. */
export function splitWords(text: string): string[] {
  return text.split(/\s+/u).filter((word) => word.length > 0);
}

function pushRun(runs: DiffRun[], op: DiffOp, word: string): void {
  const last = runs[runs.length - 1];
  if (last?.op === op) last.text += ` ${word}`;
  else runs.push({ op, text: word });
}

function diffMiddle(a: readonly string[], b: readonly string[], runs: DiffRun[]): void {
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    for (const word of a) pushRun(runs, 'del', word);
    for (const word of b) pushRun(runs, 'add', word);
    return;
  }
  // lengths[i][j] = LCS of a[i:] and b[j:], row-major in one typed array.
  const width = m + 1;
  const lengths = new Uint32Array((n + 1) * width);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lengths[i * width + j] =
        a[i] === b[j]
          ? (lengths[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lengths[(i + 1) * width + j] ?? 0, lengths[i * width + j + 1] ?? 0);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pushRun(runs, 'same', a[i] ?? '');
      i++;
      j++;
    } else if ((lengths[(i + 1) * width + j] ?? 0) >= (lengths[i * width + j + 1] ?? 0)) {
      pushRun(runs, 'del', a[i++] ?? '');
    } else {
      pushRun(runs, 'add', b[j++] ?? '');
    }
  }
  while (i < n) pushRun(runs, 'del', a[i++] ?? '');
  while (j < m) pushRun(runs, 'add', b[j++] ?? '');
}

/** The runs that turn `before` into `after`; kept words appear once, in order. */
export function diffWords(before: string, after: string): DiffRun[] {
  const a = splitWords(before);
  const b = splitWords(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const runs: DiffRun[] = [];
  for (const word of a.slice(0, start)) pushRun(runs, 'same', word);
  diffMiddle(a.slice(start, endA), b.slice(start, endB), runs);
  for (const word of a.slice(endA)) pushRun(runs, 'same', word);
  return runs;
}
