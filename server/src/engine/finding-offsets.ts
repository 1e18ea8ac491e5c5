// Every offset a finding holds (its range and its fix's edits) taken through one mapping: moved
// over an edit (carry-over.ts), anchored to a statement and resolved again (task-rules.ts).
import type { Fix, TextEdit } from './model';

interface Range<O> {
  readonly start: O;
  readonly end: O;
}

/** A finding like `R` (whatever its offsets are) whose offsets are `O`s. */
export type FindingAt<R, O> = Omit<R, 'start' | 'end' | 'fix'> &
  Range<O> & { readonly fix?: Omit<Fix, 'edits'> & { readonly edits: readonly (Omit<TextEdit, 'start' | 'end'> & Range<O>)[] } };

/** `finding` with `map` applied to each of its offsets; undefined when `map` gives undefined for one. */
export function mapFindingOffsets<F extends FindingAt<object, I>, I, O>(finding: F, map: (offset: I) => O | undefined): FindingAt<F, O> | undefined {
  const start = map(finding.start);
  const end = map(finding.end);
  if (start === undefined || end === undefined) return undefined;
  const fix = finding.fix;
  if (!fix) return { ...finding, start, end } as FindingAt<F, O>;
  const edits: (Omit<TextEdit, 'start' | 'end'> & Range<O>)[] = [];
  for (const edit of fix.edits) {
    const s = map(edit.start);
    const e = map(edit.end);
    if (s === undefined || e === undefined) return undefined;
    edits.push({ ...edit, start: s, end: e });
  }
  return { ...finding, start, end, fix: { ...fix, edits } } as FindingAt<F, O>;
}
