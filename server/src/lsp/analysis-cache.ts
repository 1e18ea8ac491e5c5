// One analysis per document version and settings: diagnostics, code actions and
// commands all read the same result instead of re-running the rules.
import { analyzeDocument, AnalysisSettings, carryOver, TaskInfo, TaskRuleMemo } from '../analysis';
import type { Finding } from '../engine/model';
import type { DocumentBaseline } from './baseline-cache';
import { OpenDocument } from './documents';

export interface Analysis {
  findings: Finding[];
  tasks: TaskInfo[];
  /** Set when the engine threw: the report is empty and this says why. */
  error?: string;
}

export class AnalysisCache {
  private readonly results = new WeakMap<OpenDocument, { key: string; baseline: DocumentBaseline | undefined; analysis: Analysis }>();
  /** Per URI, what the task-scoped rules found in each top-level statement, reused across versions. */
  private readonly memos = new Map<string, TaskRuleMemo>();
  /** Analyses carried over an edit no rule sees, and analyses run; for tests. */
  carried = 0;
  analysed = 0;

  /** `baseline`: the document at a git ref, for the staleness rules; a different one re-runs the rules. */
  get(doc: OpenDocument, settings: AnalysisSettings, baseline?: DocumentBaseline): Analysis {
    const key = JSON.stringify(settings);
    const hit = this.results.get(doc);
    if (hit && hit.key === key && hit.baseline === baseline) return hit.analysis;
    const carried = this.carry(doc, key, baseline);
    if (carried) {
      this.carried++;
      this.results.set(doc, { key, baseline, analysis: carried });
      return carried;
    }
    this.analysed++;
    let analysis: Analysis;
    try {
      let memo = this.memos.get(doc.uri);
      if (!memo) this.memos.set(doc.uri, (memo = new TaskRuleMemo()));
      analysis = analyzeDocument(doc.python, settings, { memo, ...(baseline ? { baseline: baseline.doc, baselineRef: baseline.ref } : {}) });
    } catch (err) {
      analysis = { findings: [], tasks: [], error: err instanceof Error ? err.message : String(err) };
    }
    this.results.set(doc, { key, baseline, analysis });
    return analysis;
  }

  /** The previous version's analysis moved over this version's edit, when no rule can see that edit. */
  private carry(doc: OpenDocument, key: string, baseline: DocumentBaseline | undefined): Analysis | undefined {
    const edit = doc.edit;
    const before = edit && this.results.get(edit.previous);
    if (!edit || !before || before.key !== key || before.baseline !== baseline || before.analysis.error !== undefined) return undefined;
    try {
      return carryOver(edit.previous.python, doc.python, edit, before.analysis, {
        baseline: baseline !== undefined,
        linesBefore: edit.previous.lines,
        linesAfter: doc.lines,
      });
    } catch (err) {
      console.error(`flyte-cache: carrying findings over an edit failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      return undefined;
    }
  }

  /** The document was closed: drop what was kept for reuse. */
  forget(uri: string): void {
    this.memos.delete(uri);
  }
}
