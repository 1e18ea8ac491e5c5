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
}

/** A rule: its description plus a pure check over one file's Flyte model. */
export interface Rule extends RuleMetadata {
  check(context: RuleContext): RuleFinding[];
}
