// The engine's public face: what the language server and the CLI import.
import { bumpVersion } from './engine/bump';
import { checkDocument } from './engine/check';
import { selectRules } from './engine/selection';
import type { TaskRuleMemo } from './engine/task-rules';
import type { AnalysisSettings, Finding, Fix, FixAvailability, Rule, Severity } from './engine/model';
import { versionEdit } from './engine/version-edit';
import type { PythonDocument } from './engine/syntax/python-document';
import { type TaskInfo, taskInfo } from './engine/task-info';
import { RULES } from './rules/registry';

export { PythonDocument, type TextChange } from './engine/syntax/python-document';
export { carryOver, type EditSpan } from './engine/carry-over';
export { TaskRuleMemo } from './engine/task-rules';
export type { TaskInfo } from './engine/task-info';
export { applyEdits, findOverlap, sortEdits } from './engine/edits';
export { bumpVersion } from './engine/bump';
export { NoqaIndex, parseNoqaComment, type NoqaDirective } from './engine/noqa';
export { isRuleEnabled, selectorMatches } from './engine/selection';
export type { AnalysisSettings, Finding, Fix, FixAvailability, Severity, TextEdit } from './engine/model';

export interface RuleInfo {
  code: string;
  name: string;
  severity: Severity;
  fixAvailability: FixAvailability;
  summary: string;
  docs: string;
}

export interface AnalysisOptions {
  /** Only these rule codes or prefixes, instead of `settings.select` (the fixture runner's one-rule runs). */
  select?: readonly string[];
  /** The same file at a git ref, parsed: enables the staleness rules (FC401, FC402). */
  baseline?: PythonDocument;
  /** The ref `baseline` was read at, for messages; default `HEAD`. */
  baselineRef?: string;
  /** One per open document in the language server: task-scoped findings of unchanged statements are reused. */
  memo?: TaskRuleMemo;
}

export function analyzeDocument(doc: PythonDocument, settings: AnalysisSettings, options: AnalysisOptions = {}): { findings: Finding[]; tasks: TaskInfo[] } {
  try {
    const rules = selectRules(RULES, options.select ?? settings.select, settings.ignore);
    const { module, findings, tasks } = checkDocument(
      doc,
      rules,
      settings,
      options.baseline ? { doc: options.baseline, ref: options.baselineRef ?? 'HEAD' } : undefined,
      options.memo,
    );
    return { findings, tasks: tasks ?? module.tasks.map((task) => taskInfo(module, task)) };
  } catch (error) {
    // The engine must never take the server down on odd input; an empty report is the fallback.
    console.error(`flyte-cache: analysis failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { findings: [], tasks: [] };
  }
}

/**
 * A fix that bumps the task's version literal (facts §6), or the module constant holding it; then
 * the title names every task using that constant. Undefined when the version is not a known literal.
 */
export function bumpFixForTask(doc: PythonDocument, task: TaskInfo, tasks: readonly TaskInfo[], today: Date = new Date()): Fix | undefined {
  const version = task.version;
  if (version === undefined || version === 'unknown') return undefined;
  const next = bumpVersion(version.value, today);
  const edit = versionEdit(doc.text, version.start, version.end, next);
  if (!edit) return undefined;
  let title = `Bump cache version to "${next}"`;
  if (version.viaConstant) {
    const users = tasks.filter((t) => typeof t.version === 'object' && t.version.viaConstant === version.viaConstant && t.version.start === version.start);
    title += ` in \`${version.viaConstant}\` (used by ${users.map((t) => `\`${t.name}\``).join(', ')})`;
  }
  return { title, edits: [edit], safe: false };
}

/** The task whose decorator or definition contains `offset`; for nested definitions, the innermost. */
export function taskAt(tasks: readonly TaskInfo[], offset: number): TaskInfo | undefined {
  let best: TaskInfo | undefined;
  for (const task of tasks) {
    if (offset < task.decoratorStart || offset > task.defEnd) continue;
    if (!best || task.decoratorStart >= best.decoratorStart) best = task;
  }
  return best;
}

/** Every registered rule, ordered by code. */
export function allRules(): RuleInfo[] {
  return [...RULES].map(([code, rule]) => ruleInfo(code, rule)).sort((a, b) => a.code.localeCompare(b.code));
}

function ruleInfo(code: string, rule: Rule): RuleInfo {
  return { code, name: rule.name, severity: rule.severity, fixAvailability: rule.fixAvailability, summary: rule.summary, docs: rule.docs };
}
