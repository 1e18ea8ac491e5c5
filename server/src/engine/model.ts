// The engine's vocabulary: offsets into the document text (UTF-16 code units, as JS strings
// index them), no LSP or VS Code types. Server and CLI convert at their edges.
import type { FlyteModule } from './syntax/tasks';

export type Severity = 'error' | 'warning' | 'info';

/** Replace text[start, end) with newText. An insertion has start === end. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export interface Fix {
  /** Imperative title, e.g. Add `cache_version="1"`. */
  readonly title: string;
  readonly edits: readonly TextEdit[];
  /** Safe fixes are applied by fix-all and `--fix`; unsafe ones only on request. */
  readonly safe: boolean;
}

export interface Finding {
  readonly code: string; // "FC101"
  readonly severity: Severity;
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fix?: Fix;
}

export type FixAvailability = 'always' | 'sometimes' | 'none';

/** Settings the engine needs; the server and CLI resolve them (editor settings, pyproject). */
export interface AnalysisSettings {
  /** "function-body" when a plugin (Union) supplies a default cache policy, so `cache=True` alone is valid. */
  defaultCachePolicy: 'none' | 'function-body';
  /** Rule codes or prefixes to run (`FC1`, `ALL`); absent or empty: every rule. */
  select?: readonly string[];
  /** Rule codes or prefixes never to run; wins over `select`. */
  ignore?: readonly string[];
}

/** What a rule reports; the engine adds the rule's code and severity. */
export interface RuleFinding {
  readonly message: string;
  readonly start: number;
  readonly end: number;
  readonly fix?: Fix;
  /** Overrides the rule's severity for this finding (a hint that is an error in one form). */
  readonly severity?: Severity;
}

/** A rule's description. Codes live only in the registry, never in the rule. */
export interface RuleMetadata {
  /** kebab-case, reads after "allow": `cache-without-version`. */
  readonly name: string;
  readonly severity: Severity;
  readonly fixAvailability: FixAvailability;
  /** One line, for listings. */
  readonly summary: string;
  /** Markdown with ruff's sections: What it does, Why is this bad?, Example, Use instead, Fix safety, References. */
  readonly docs: string;
}

/** The same file at a git ref (HEAD by default), for the rules comparing against it (FC4xx). */
export interface Baseline {
  readonly module: FlyteModule;
  /** The ref as the user named it, for messages: `HEAD`, `origin/main`. */
  readonly ref: string;
}

export interface RuleContext {
  readonly module: FlyteModule;
  readonly settings: AnalysisSettings;
  /** Absent when the file has no baseline (untracked, no git, outside a repository). */
  readonly baseline?: Baseline;
  /**
   * Task-scoped rules only: report what concerns `module.tasks` and leave out what involves no task
   * (environment-level findings, module-wide scans); the engine runs those once, with no tasks.
   */
  readonly tasksOnly?: boolean;
}

/**
 * What a rule's findings depend on, so the language server can reuse them between edits.
 * - `task`: `check` iterates `module.tasks`, and what it reports for one task depends only on that
 *   task's own statement (decorator and def) and on module-level context: imports, module-level
 *   assignments and other non-definition statements, environments, the names of top-level
 *   definitions, the settings. For a task it must not read other tasks, other definitions' bodies
 *   or the baseline, nor carry state from one task to the next. Findings that involve no task
 *   come from the same `check` run with no tasks, and are left out when `context.tasksOnly` is set.
 *   The full result must then equal those plus each task's findings, in that order, except that
 *   findings at different ranges may come in any order (the engine keeps the first finding per
 *   code and range, then sorts).
 * - `module` (the default): anything else; always run over the whole module.
 */
export type RuleScope = 'task' | 'module';

/** A rule: its description plus a pure check over one file's Flyte model. */
export interface Rule extends RuleMetadata {
  /** Absent: `module`. */
  readonly scope?: RuleScope;
  check(context: RuleContext): RuleFinding[];
}
