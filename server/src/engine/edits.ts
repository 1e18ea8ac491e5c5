import type { TextEdit } from './model';

/** Applies non-overlapping edits (in any order) to `text`. Throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = sortEdits(edits);
  const overlap = findOverlap(sorted);
  if (overlap) throw new Error(`Overlapping edits at ${overlap[0].start}-${overlap[0].end} and ${overlap[1].start}-${overlap[1].end}`);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    out += text.slice(cursor, edit.start) + edit.newText;
    cursor = edit.end;
  }
  return out + text.slice(cursor);
}

/** Stable sort by position; insertions at the same offset keep their given order. */
export function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return edits.map((edit, index) => ({ edit, index })).sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index).map((e) => e.edit);
}

/**
 * The first pair of edits that overlap, in sorted order. Edits that only touch (one ends where the
 * next starts) do not overlap; two insertions at the same offset do not either.
 */
export function findOverlap(sorted: readonly TextEdit[]): [TextEdit, TextEdit] | undefined {
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const next = sorted[i];
    if (prev && next && next.start < prev.end) return [prev, next];
  }
  return undefined;
}
