// Task-scoped rules (model.ts `RuleScope`) run per top-level statement, and their findings are kept
// between edits: a statement whose text, position among the statements and module context are
// unchanged gets its earlier findings back, with offsets moved to where the statement is now.
// Only the language server uses this (it owns one memo per open document); the result is exactly
// what running each rule over the whole module returns (test/unit/lsp/incremental-analysis.test.ts
// and typing-reuse.test.ts compare the two after every edit). Stored findings hold no tree nodes.
import { type FindingAt, mapFindingOffsets } from './finding-offsets';
import type { AnalysisSettings, Rule, RuleFinding } from './model';
import type { FlyteModule, TaskDecl } from './syntax/tasks';
import { type TaskInfo, taskInfo } from './task-info';
import { type Anchor, anchor, resolve, type Unit, unitIndexAt, unitLayout } from './units';

type Stored<T, K extends keyof T> = Omit<T, K> & { readonly [P in K]: Anchor };
type StoredFinding = FindingAt<RuleFinding, Anchor>;

type StoredVersion = Stored<Extract<TaskInfo['version'], object>, 'start' | 'end'>;
interface StoredTaskInfo extends Omit<TaskInfo, OffsetKey | 'version'> {
  readonly offsets: readonly Anchor[];
  readonly version: StoredVersion | 'unknown' | undefined;
}
const OFFSET_KEYS = ['defStart', 'defEnd', 'nameStart', 'nameEnd', 'decoratorStart', 'decoratorEnd'] as const;
type OffsetKey = (typeof OFFSET_KEYS)[number];

/** The text of one unit, per rule code (those with any) the findings of its tasks, and the tasks themselves. */
interface UnitEntry {
  readonly text: string;
  readonly findings: ReadonlyMap<string, readonly StoredFinding[]>;
  readonly tasks: readonly StoredTaskInfo[];
  /** The units the anchors above count from. */
  readonly units: readonly number[];
  /** The last restore and the bounds of `units` it resolved against: equal bounds give equal offsets. */
  restored?: Restored;
}

interface Restored {
  readonly bounds: readonly number[];
  readonly findings: ReadonlyMap<string, readonly RuleFinding[]>;
  readonly tasks: readonly TaskInfo[];
}

export interface TaskRuleResults {
  /** Per rule code, in the order `rule.check` returns them. */
  readonly findings: Map<string, RuleFinding[]>;
  /** Every task of the module, in document order. */
  readonly tasks: TaskInfo[];
}

/** What one open document keeps between analyses. */
export class TaskRuleMemo {
  context = '';
  /**
   * By unit index. Keyed by index and compared by text rather than keyed by text: hashing every
   * statement's text on each edit costs more than comparing the (mostly equal-length) texts.
   */
  entries = new Map<number, UnitEntry>();
  /** Statements (holding tasks) whose findings were reused or computed, over the memo's life; for tests. */
  reused = 0;
  computed = 0;
}

/**
 * Each task-scoped rule's findings over the whole module, and the module's tasks; undefined when
 * the tasks cannot be grouped by statement (then the caller runs the rules itself).
 */
export function runTaskRules(
  module: FlyteModule,
  rules: readonly (readonly [string, Rule])[],
  settings: AnalysisSettings,
  memo: TaskRuleMemo,
): TaskRuleResults | undefined {
  const layout = unitLayout(module.doc);
  const units = layout.units;
  const groups = tasksByUnit(module, units);
  if (!groups) return undefined;
  const context = `${JSON.stringify(settings)}\u0000${rules.map(([code]) => code).join(',')}\u0000${layout.signature}`;
  if (memo.context !== context) {
    memo.context = context;
    memo.entries = new Map();
  }
  const out = new Map<string, RuleFinding[]>();
  const infos: TaskInfo[] = [];
  // What a rule reports without any task (FC106's environments, FC304's hash functions) comes first.
  const bare: FlyteModule = { ...module, tasks: [] };
  for (const [code, rule] of rules) out.set(code, rule.check({ module: bare, settings }));
  const next = new Map<number, UnitEntry>();
  const text = module.doc.text;
  for (const { unit, tasks } of groups) {
    const own = units[unit]!;
    const unitText = text.slice(own.from, own.to);
    const hit = memo.entries.get(unit);
    if (hit && hit.text === unitText) {
      next.set(unit, hit);
      memo.reused++;
      const restored = restoreEntry(units, hit);
      for (const [code, findings] of restored.findings) out.get(code)!.push(...findings);
      infos.push(...restored.tasks);
      continue;
    }
    memo.computed++;
    const view: FlyteModule = { ...module, tasks };
    const stored = new Map<string, StoredFinding[]>();
    let storable = true;
    for (const [code, rule] of rules) {
      const findings = rule.check({ module: view, settings, tasksOnly: true });
      out.get(code)!.push(...findings);
      if (!storable) continue;
      const kept = findings.map((f) => store(units, unit, f));
      if (!kept.every((f): f is StoredFinding => f !== undefined)) storable = false;
      else if (kept.length > 0) stored.set(code, kept); // most statements have no findings: nothing to visit on reuse
    }
    const ownInfos = tasks.map((task) => taskInfo(module, task));
    infos.push(...ownInfos);
    const storedTasks = storable ? ownInfos.map((info) => storeTask(units, unit, info)) : [];
    if (storable && storedTasks.every((t): t is StoredTaskInfo => t !== undefined)) {
      next.set(unit, { text: unitText, findings: stored, tasks: storedTasks, units: anchoredUnits(stored, storedTasks) });
    }
  }
  memo.entries = next;
  return { findings: out, tasks: infos };
}

/**
 * The entry's findings and tasks at today's offsets. The objects of the last restore are handed out
 * again while the units the anchors count from have not moved (statements before an edit):
 * `resolve` reads nothing else.
 */
function restoreEntry(units: readonly Unit[], entry: UnitEntry): Restored {
  const last = entry.restored;
  if (last && entry.units.every((k, i) => units[k]!.from === last.bounds[2 * i] && units[k]!.to === last.bounds[2 * i + 1])) return last;
  const bounds = entry.units.flatMap((k) => [units[k]!.from, units[k]!.to]);
  const findings = new Map<string, RuleFinding[]>();
  for (const [code, stored] of entry.findings) findings.set(code, stored.map((f) => restore(units, f)));
  return (entry.restored = { bounds, findings, tasks: entry.tasks.map((info) => restoreTask(units, info)) });
}

function anchoredUnits(findings: ReadonlyMap<string, readonly StoredFinding[]>, tasks: readonly StoredTaskInfo[]): number[] {
  const anchors: Anchor[] = [];
  for (const list of findings.values()) {
    for (const f of list) anchors.push(f.start, f.end, ...(f.fix?.edits.flatMap((e) => [e.start, e.end]) ?? []));
  }
  for (const t of tasks) anchors.push(...t.offsets, ...(typeof t.version === 'object' ? [t.version.start, t.version.end] : []));
  return [...new Set(anchors.map((a) => a.unit).filter((k) => k >= 0))];
}

/** The tasks in runs of one top-level statement each, in document order. */
function tasksByUnit(module: FlyteModule, units: readonly Unit[]): { unit: number; tasks: TaskDecl[] }[] | undefined {
  const groups: { unit: number; tasks: TaskDecl[] }[] = [];
  for (const task of module.tasks) {
    const unit = unitIndexAt(units, task.defStart);
    const last = groups[groups.length - 1];
    if (unit < 0 || (last && unit < last.unit)) return undefined; // tasks come in document order
    if (last?.unit === unit) last.tasks.push(task);
    else groups.push({ unit, tasks: [task] });
  }
  return groups;
}

/** `finding` with every offset anchored; undefined when one lies in another definition. */
function store(units: readonly Unit[], own: number, finding: RuleFinding): StoredFinding | undefined {
  return mapFindingOffsets(finding, (offset: number) => anchor(units, own, offset));
}

function restore(units: readonly Unit[], stored: StoredFinding): RuleFinding {
  // `resolve` always gives an offset.
  return mapFindingOffsets(stored, (a: Anchor) => resolve(units, a))!;
}

function storeTask(units: readonly Unit[], own: number, info: TaskInfo): StoredTaskInfo | undefined {
  const offsets: Anchor[] = [];
  for (const key of OFFSET_KEYS) {
    const a = anchor(units, own, info[key]);
    if (!a) return undefined;
    offsets.push(a);
  }
  let version: StoredTaskInfo['version'] = info.version === undefined || info.version === 'unknown' ? info.version : undefined;
  if (typeof info.version === 'object') {
    const start = anchor(units, own, info.version.start);
    const end = anchor(units, own, info.version.end);
    if (!start || !end) return undefined;
    version = { ...info.version, start, end };
  }
  return { name: info.name, flavor: info.flavor, cache: info.cache, offsets, version };
}

function restoreTask(units: readonly Unit[], stored: StoredTaskInfo): TaskInfo {
  const at = (k: number): number => resolve(units, stored.offsets[k]!);
  const v = stored.version;
  return {
    name: stored.name,
    flavor: stored.flavor,
    defStart: at(0),
    defEnd: at(1),
    nameStart: at(2),
    nameEnd: at(3),
    decoratorStart: at(4),
    decoratorEnd: at(5),
    cache: stored.cache,
    version: typeof v === 'object' ? { ...v, start: resolve(units, v.start), end: resolve(units, v.end) } : v,
  };
}
