// Applies every safe fix, re-analysing after each pass until nothing is left to fix
// (fixes of one pass never overlap; a later pass sees the text the earlier one made).
// Used by source.fixAll in the server and by `flyte-cache check --fix`.
import { analyzeDocument, AnalysisOptions, AnalysisSettings, applyEdits, PythonDocument } from './analysis';
import type { Fix, TextEdit } from './engine/model';

export const MAX_FIX_PASSES = 10;

export interface FixAllResult {
  text: string;
  applied: { code: string; title: string }[];
  passes: number;
}

/** `options.baseline` lets the staleness fixes (FC401's bump) take part. */
export function fixAll(text: string, settings: AnalysisSettings, options: AnalysisOptions = {}): FixAllResult {
  const applied: { code: string; title: string }[] = [];
  let passes = 0;
  while (passes < MAX_FIX_PASSES) {
    const { findings } = analyzeDocument(PythonDocument.create(text), settings, options);
    const chosen: TextEdit[] = [];
    for (const finding of findings) {
      const fix = finding.fix;
      if (!fix?.safe || fix.edits.length === 0 || overlapsAny(fix, chosen)) continue;
      chosen.push(...fix.edits);
      applied.push({ code: finding.code, title: fix.title });
    }
    if (chosen.length === 0) break;
    text = applyEdits(text, chosen);
    passes++;
  }
  return { text, applied, passes };
}

function overlapsAny(fix: Fix, taken: readonly TextEdit[]): boolean {
  return fix.edits.some((e) =>
    taken.some((t) => (e.start === e.end || t.start === t.end ? e.start <= t.end && t.start <= e.end : e.start < t.end && t.start < e.end)),
  );
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { start, end: endBefore, newText: after.slice(start, endAfter) };
}
