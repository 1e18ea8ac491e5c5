// "Bump cache versions of all changed tasks": applies the bump of every FC401 (body changed,
// version not) and FC402 (version went back) finding, safe or not, since asking for this action is
// asking for exactly these edits. Tasks sharing a constant get one bump.
import { analyzeDocument, AnalysisSettings, applyEdits, PythonDocument } from '../analysis';
import type { TextEdit } from '../engine/model';
import type { DocumentBaseline } from './baseline-cache';

const CODES = ['FC401', 'FC402'];
const MAX_PASSES = 10;

/** The text with every changed task's version bumped; the same text when there is nothing to bump. */
export function bumpChangedTasks(text: string, settings: AnalysisSettings, baseline: DocumentBaseline): string {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const { findings } = analyzeDocument(PythonDocument.create(text), settings, { select: CODES, baseline: baseline.doc, baselineRef: baseline.ref });
    const chosen: TextEdit[] = [];
    for (const { fix } of findings) {
      if (!fix || fix.edits.some((e) => chosen.some((c) => (e.start < c.end && c.start < e.end) || e.start === c.start))) continue;
      chosen.push(...fix.edits);
    }
    if (chosen.length === 0) break;
    text = applyEdits(text, chosen);
  }
  return text;
}
