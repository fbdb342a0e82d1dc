/**
 * Edit distance counting an adjacent transposition as one edit (optimal string alignment), when it
 * is at most `limit`; otherwise `limit + 1`. Only the cells within `limit` of the diagonal are
 * computed, three rows at a time, and the computation stops at the first row whose every cell
 * exceeds the limit: O(min(|a|, |b|) · limit) time and O(|b|) memory, whatever the lengths.
 */
export function boundedDistance(a: string, b: string, limit: number): number {
  if (a === b) return 0;
  const over = limit + 1;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return over;
  // Rows i-2, i-1 and i of the matrix; cells outside the band hold `over`.
  let before = new Uint32Array(m + 1).fill(over);
  let previous = new Uint32Array(m + 1).fill(over);
  let current = new Uint32Array(m + 1).fill(over);
  for (let j = 0; j <= Math.min(m, limit); j++) previous[j] = j;
  for (let i = 1; i <= n; i++) {
    const low = Math.max(1, i - limit);
    const high = Math.min(m, i + limit);
    current[low - 1] = low === 1 && i <= limit ? i : over;
    let rowMin = current[low - 1];
    const ai = a.charCodeAt(i - 1);
    for (let j = low; j <= high; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, before[j - 2] + 1);
      current[j] = value > over ? over : value;
      if (value < rowMin) rowMin = value;
    }
    if (high < m) current[high + 1] = over;
    // A row's minimum never decreases further down: past the limit here, past it at the end.
    if (rowMin > limit) return over;
    const spare = before;
    before = previous;
    previous = current;
    current = spare;
  }
  return Math.min(previous[m], over);
}
