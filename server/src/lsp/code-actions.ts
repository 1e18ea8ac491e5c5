// Quick fixes (from Diagnostic.data), "Bump cache version" on the task under the
// cursor, and source.fixAll.flyteCache (recomputed from a fresh analysis, never
// stitched from cached fixes, as vscode-eslint does).
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { AnalysisSettings, bumpFixForTask, taskAt } from '../analysis';
import { fixAll, minimalEdit } from '../fix-all';
import { AnalysisCache } from './analysis-cache';
import { DiagnosticData, SOURCE, toLspEdits } from './diagnostics';
import { OpenDocument } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flyteCache`;
export const BUMP_KIND = `${CodeActionKind.RefactorRewrite}.flyteCache.bumpVersion`;

export function codeActions(
  doc: OpenDocument,
  params: CodeActionParams,
  settings: AnalysisSettings,
  cache: AnalysisCache,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const action = quickFix(doc, diagnostic);
      if (action) actions.push(action);
    }
  }
  if (wants(BUMP_KIND)) {
    const bump = bumpAction(doc, doc.offsetAt(params.range.start), settings, cache);
    if (bump) actions.push(bump);
  }
  if (only && wants(FIX_ALL_KIND)) {
    const action = fixAllAction(doc, settings);
    if (action) actions.push(action);
  }
  return actions;
}

function quickFix(doc: OpenDocument, diagnostic: Diagnostic): CodeAction | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as DiagnosticData | undefined;
  if (!data?.fix || data.version !== doc.version) return undefined;
  return {
    title: data.fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    isPreferred: data.fix.safe,
    edit: { changes: { [doc.uri]: data.fix.edits } },
  };
}

export function bumpAction(
  doc: OpenDocument,
  offset: number,
  settings: AnalysisSettings,
  cache: AnalysisCache,
): CodeAction | undefined {
  const { tasks } = cache.get(doc, settings);
  const task = taskAt(tasks, offset);
  if (!task) return undefined;
  const fix = bumpFixForTask(doc.python, task, tasks);
  if (!fix) return undefined;
  return { title: fix.title, kind: BUMP_KIND, edit: { changes: { [doc.uri]: toLspEdits(doc, fix) } } };
}

function fixAllAction(doc: OpenDocument, settings: AnalysisSettings): CodeAction | undefined {
  const edit = minimalEdit(doc.text, fixAll(doc.text, settings).text);
  if (!edit) return undefined;
  return {
    title: 'Fix all auto-fixable Flyte cache problems',
    kind: FIX_ALL_KIND,
    edit: { changes: { [doc.uri]: toLspEdits(doc, { title: '', safe: true, edits: [edit] }) } },
  };
}
