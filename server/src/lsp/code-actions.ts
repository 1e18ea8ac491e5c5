// Quick fixes (from Diagnostic.data), "Bump cache version" on the task under the
// cursor, and source.fixAll.flyteCache (recomputed from a fresh analysis, never
// stitched from cached fixes, as vscode-eslint does).
import { CodeAction, CodeActionKind, CodeActionParams, Diagnostic } from 'vscode-languageserver';
import { AnalysisSettings, bumpFixForTask, NoqaIndex, taskAt } from '../analysis';
import { fixAll, minimalEdit } from '../fix-all';
import { AnalysisCache } from './analysis-cache';
import type { DocumentBaseline } from './baseline-cache';
import { bumpChangedTasks } from './bump-changed';
import { DiagnosticData, SOURCE, toLspEdits } from './diagnostics';
import { OpenDocument } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.flyteCache`;
export const BUMP_KIND = `${CodeActionKind.RefactorRewrite}.flyteCache.bumpVersion`;
export const BUMP_CHANGED_KIND = `${CodeActionKind.Source}.flyteCache.bumpChanged`;

export function codeActions(
  doc: OpenDocument,
  params: CodeActionParams,
  settings: AnalysisSettings,
  cache: AnalysisCache,
  baseline?: DocumentBaseline,
): CodeAction[] {
  const only = params.context.only;
  const wants = (kind: string) => !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const actions: CodeAction[] = [];

  if (wants(CodeActionKind.QuickFix)) {
    for (const diagnostic of params.context.diagnostics) {
      const action = quickFix(doc, diagnostic);
      if (action) actions.push(action);
    }
    const noqa = new NoqaIndex(doc.python, doc.lines);
    for (const diagnostic of params.context.diagnostics) {
      const action = disableForLine(doc, diagnostic, noqa);
      if (action) actions.push(action);
    }
  }
  if (wants(BUMP_KIND)) {
    const bump = bumpAction(doc, doc.offsetAt(params.range.start), settings, cache, baseline);
    if (bump) actions.push(bump);
  }
  if (only && wants(FIX_ALL_KIND)) {
    const action = fixAllAction(doc, settings, baseline);
    if (action) actions.push(action);
  }
  if (only && baseline && wants(BUMP_CHANGED_KIND)) {
    const edit = minimalEdit(doc.text, bumpChangedTasks(doc.text, settings, baseline));
    if (edit) {
      const edits = toLspEdits(doc, { title: '', safe: false, edits: [edit] });
      actions.push({ title: 'Bump cache versions of all changed tasks', kind: BUMP_CHANGED_KIND, edit: { changes: { [doc.uri]: edits } } });
    }
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

/** "Disable FC101 for this line": adds the code to the `# noqa` comment of the line the diagnostic starts on. */
function disableForLine(doc: OpenDocument, diagnostic: Diagnostic, noqa: NoqaIndex): CodeAction | undefined {
  if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') return undefined;
  const data = diagnostic.data as DiagnosticData | undefined;
  if (data?.version !== doc.version) return undefined;
  const edit = noqa.addCodeEdit(doc.offsetAt(diagnostic.range.start), diagnostic.code);
  if (!edit) return undefined;
  return {
    title: `Disable ${diagnostic.code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    edit: { changes: { [doc.uri]: toLspEdits(doc, { title: '', safe: false, edits: [edit] }) } },
  };
}

export function bumpAction(
  doc: OpenDocument,
  offset: number,
  settings: AnalysisSettings,
  cache: AnalysisCache,
  baseline?: DocumentBaseline,
): CodeAction | undefined {
  const { tasks } = cache.get(doc, settings, baseline);
  const task = taskAt(tasks, offset);
  if (!task) return undefined;
  const fix = bumpFixForTask(doc.python, task, tasks);
  if (!fix) return undefined;
  return { title: fix.title, kind: BUMP_KIND, edit: { changes: { [doc.uri]: toLspEdits(doc, fix) } } };
}

function fixAllAction(doc: OpenDocument, settings: AnalysisSettings, baseline?: DocumentBaseline): CodeAction | undefined {
  const options = baseline ? { baseline: baseline.doc, baselineRef: baseline.ref } : {};
  const edit = minimalEdit(doc.text, fixAll(doc.text, settings, options).text);
  if (!edit) return undefined;
  return {
    title: 'Fix all auto-fixable Flyte cache problems',
    kind: FIX_ALL_KIND,
    edit: { changes: { [doc.uri]: toLspEdits(doc, { title: '', safe: true, edits: [edit] }) } },
  };
}
