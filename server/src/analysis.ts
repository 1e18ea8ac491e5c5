// The engine's public face: what the language server and the CLI import.
import { bumpVersion } from './engine/bump';
import { checkDocument } from './engine/check';
import type { AnalysisSettings, Finding, Fix, FixAvailability, Rule, Severity } from './engine/model';
import { cacheConfig } from './engine/syntax/cache-config';
import type { PythonDocument } from './engine/syntax/python-document';
import type { FlyteModule, TaskDecl } from './engine/syntax/tasks';
import { RULES } from './rules/registry';

export { PythonDocument, type TextChange } from './engine/syntax/python-document';
export { applyEdits, findOverlap, sortEdits } from './engine/edits';
export { bumpVersion } from './engine/bump';
export type { AnalysisSettings, Finding, Fix, FixAvailability, Severity, TextEdit } from './engine/model';

export interface TaskInfo {
  name: string;
  flavor: 'flytekit' | 'flyte2';
  defStart: number;
  defEnd: number;
  nameStart: number;
  nameEnd: number;
  decoratorStart: number;
  decoratorEnd: number;
  cache: 'on' | 'off' | 'unknown';
  /** The literal's range includes its quotes; for a constant it is the literal at the definition. */
  version: { value: string; start: number; end: number; viaConstant?: string } | 'unknown' | undefined;
}

export interface RuleInfo {
  code: string;
  name: string;
  severity: Severity;
  fixAvailability: FixAvailability;
  summary: string;
  docs: string;
}

export interface AnalysisOptions {
  /** Only these rule codes; all rules when absent. */
  select?: readonly string[];
}

export function analyzeDocument(doc: PythonDocument, settings: AnalysisSettings, options: AnalysisOptions = {}): { findings: Finding[]; tasks: TaskInfo[] } {
  try {
    const rules = options.select ? new Map([...RULES].filter(([code]) => options.select?.includes(code))) : RULES;
    const { module, findings } = checkDocument(doc, rules, settings);
    return { findings, tasks: module.tasks.map((task) => taskInfo(module, task)) };
  } catch (error) {
    // The engine must never take the server down on odd input; an empty report is the fallback.
    console.error(`flyte-cache: analysis failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    return { findings: [], tasks: [] };
  }
}

function taskInfo(module: FlyteModule, task: TaskDecl): TaskInfo {
  const config = cacheConfig(module, task);
  const v = config.version;
  const version: TaskInfo['version'] =
    v.kind === 'absent'
      ? undefined
      : v.kind === 'unknown'
        ? 'unknown'
        : { value: v.version.value, start: v.version.literal.start, end: v.version.literal.end, ...(v.version.viaConstant ? { viaConstant: v.version.viaConstant } : {}) };
  return {
    name: task.name,
    flavor: task.sdk === 'flyte2' ? 'flyte2' : 'flytekit',
    defStart: task.defStart,
    defEnd: task.defEnd,
    nameStart: task.nameStart,
    nameEnd: task.nameEnd,
    decoratorStart: task.decoratorStart,
    decoratorEnd: task.decoratorEnd,
    cache: config.cache,
    version,
  };
}

/**
 * A fix that bumps the task's version literal (facts §6), or the module constant holding it; then
 * the title names every task using that constant. Undefined when the version is not a known literal.
 */
export function bumpFixForTask(doc: PythonDocument, task: TaskInfo, tasks: readonly TaskInfo[], today: Date = new Date()): Fix | undefined {
  const version = task.version;
  if (version === undefined || version === 'unknown') return undefined;
  const literal = doc.text.slice(version.start, version.end);
  const quote = /^[rRuU]*('''|"""|'|")/.exec(literal);
  if (!quote?.[1]) return undefined;
  const contentStart = version.start + quote[0].length;
  const contentEnd = version.end - quote[1].length;
  if (contentEnd < contentStart) return undefined;
  const next = bumpVersion(version.value, today);
  const edit = { start: contentStart, end: contentEnd, newText: escapeFor(next, quote[1], /r/i.test(quote[0])) };
  let title = `Bump cache version to "${next}"`;
  if (version.viaConstant) {
    const users = tasks.filter((t) => typeof t.version === 'object' && t.version.viaConstant === version.viaConstant && t.version.start === version.start);
    title += ` in \`${version.viaConstant}\` (used by ${users.map((t) => `\`${t.name}\``).join(', ')})`;
  }
  return { title, edits: [edit], safe: false };
}

function escapeFor(value: string, quote: string, raw: boolean): string {
  if (raw) return value;
  const escaped = value.replace(/\\/g, '\\\\');
  return quote.length === 1 ? escaped.split(quote).join('\\' + quote) : escaped;
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

export function allRules(): RuleInfo[] {
  return [...RULES].map(([code, rule]) => ruleInfo(code, rule));
}

function ruleInfo(code: string, rule: Rule): RuleInfo {
  return { code, name: rule.name, severity: rule.severity, fixAvailability: rule.fixAvailability, summary: rule.summary, docs: rule.docs };
}
