import type { AnalysisSettings, Finding, Rule, RuleContext } from './model';
import { suppressFindings } from './noqa';
import { runTaskRules, type TaskRuleMemo } from './task-rules';
import { discoverFlyte, type FlyteModule } from './syntax/tasks';
import type { PythonDocument } from './syntax/python-document';
import type { TaskInfo } from './task-info';

export interface CheckResult {
  readonly module: FlyteModule;
  readonly findings: Finding[];
  /** The module's tasks, when the memo provided them. */
  readonly tasks?: TaskInfo[];
}

/**
 * Parses nothing (the document holds its tree), builds the file's Flyte model once and runs each
 * enabled rule over it. Findings come back sorted by position, duplicates and `# noqa`-suppressed ones removed.
 */
export function checkDocument(
  doc: PythonDocument,
  rules: ReadonlyMap<string, Rule>,
  settings: AnalysisSettings,
  baseline?: { readonly doc: PythonDocument; readonly ref: string },
  memo?: TaskRuleMemo,
): CheckResult {
  const module = discoverFlyte(doc);
  const context: RuleContext = { module, settings, ...(baseline ? { baseline: { module: discoverFlyte(baseline.doc), ref: baseline.ref } } : {}) };
  // With a memo (the language server), task-scoped rules reuse what they found in unchanged statements.
  const reused = memo ? runTaskRules(module, [...rules].filter(([, rule]) => rule.scope === 'task'), settings, memo) : undefined;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const [code, rule] of rules) {
    for (const f of reused?.findings.get(code) ?? rule.check(context)) {
      const key = `${code}:${f.start}:${f.end}`;
      if (seen.has(key)) continue; // an environment's argument reported once for all its tasks
      seen.add(key);
      findings.push({ code, severity: f.severity ?? rule.severity, message: f.message, start: f.start, end: f.end, ...(f.fix ? { fix: f.fix } : {}) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return { module, findings: suppressFindings(module, findings), ...(reused ? { tasks: reused.tasks } : {}) };
}
