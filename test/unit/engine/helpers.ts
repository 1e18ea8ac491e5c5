import * as path from 'node:path';
import { type AnalysisSettings, analyzeDocument, applyEdits, type Finding, PythonDocument } from '../../../server/src/analysis';

export const NO_DEFAULT: AnalysisSettings = { defaultCachePolicy: 'none' };

/** The repository root, from out/test/unit/engine or test/unit/engine. */
export const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../../..' : '../../..');

export function analyze(source: string, settings: AnalysisSettings = NO_DEFAULT, select?: string[], baseline?: PythonDocument) {
  return analyzeDocument(PythonDocument.create(source), settings, { ...(select ? { select } : {}), ...(baseline ? { baseline } : {}) });
}

export function findings(source: string, code: string, settings: AnalysisSettings = NO_DEFAULT): Finding[] {
  return analyze(source, settings, [code]).findings;
}

/** The flagged source text of each finding. */
export function flagged(source: string, code: string, settings: AnalysisSettings = NO_DEFAULT): string[] {
  return findings(source, code, settings).map((f) => source.slice(f.start, f.end));
}

export function applyFix(source: string, finding: Finding): string {
  if (!finding.fix) throw new Error(`no fix for ${finding.code} at ${finding.start}`);
  return applyEdits(source, finding.fix.edits);
}

export function lineOf(source: string, offset: number): number {
  return source.slice(0, offset).split('\n').length;
}
