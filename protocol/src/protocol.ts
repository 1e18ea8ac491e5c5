// The one file both sides import: custom LSP methods and the settings type.
// Mirrors the handlers in server/src/lsp/. May import only vscode-languageserver-protocol.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export type DefaultCachePolicy = 'none' | 'function-body';

/** Settings the client resolves (defaults applied) and hands to the server. */
export interface Settings {
  /** "function-body" when a plugin (Union) supplies a default cache policy: FC101 then stays silent. */
  defaultCachePolicy: DefaultCachePolicy;
  /** Folder of flytekit's local cache (holds cache.db); "" means ~/.flyte/local-cache. */
  localCachePath: string;
  /** The explorer's own store file; "" means FLYTE_CACHE_STORE or the shared default. */
  storePath: string;
  /** True when the user set `defaultCachePolicy` (not its default): then it wins over pyproject.toml. */
  defaultCachePolicyIsSet: boolean;
  /** Rule codes or prefixes to run; empty: pyproject.toml's `select`, else every rule. */
  select: string[];
  /** Rule codes or prefixes not to run; empty: pyproject.toml's `ignore`. */
  ignore: string[];
  /** Globs relative to the workspace folder: files not checked; empty: pyproject.toml's `exclude`. */
  exclude: string[];
  /** Git ref the staleness rules (FC401, FC402) compare open files with; "" turns them off. */
  baseline: string;
  /** True when the user set `baseline` (not its default): then it wins over pyproject.toml. */
  baselineIsSet: boolean;
  /** Files larger than this many bytes are not parsed by the language server; 0: no limit. */
  maxFileSize: number;
}

export namespace Settings {
  export const defaults: Settings = { defaultCachePolicy: 'none', localCachePath: '', storePath: '', defaultCachePolicyIsSet: false, select: [], ignore: [], exclude: [], baseline: 'HEAD', baselineIsSet: false, maxFileSize: 2 * 1024 * 1024 };
  export function from(value: unknown): Settings {
    const v = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const policy = v['defaultCachePolicy'];
    return {
      defaultCachePolicy: policy === 'function-body' ? 'function-body' : 'none',
      localCachePath: typeof v['localCachePath'] === 'string' ? v['localCachePath'] : '',
      storePath: typeof v['storePath'] === 'string' ? v['storePath'] : '',
      defaultCachePolicyIsSet: v['defaultCachePolicyIsSet'] === true,
      select: codeList(v['select']),
      ignore: codeList(v['ignore']),
      exclude: Array.isArray(v['exclude']) ? v['exclude'].filter((g): g is string => typeof g === 'string' && g.trim().length > 0) : [],
      baseline: typeof v['baseline'] === 'string' ? v['baseline'].trim() : 'HEAD',
      baselineIsSet: v['baselineIsSet'] === true,
      maxFileSize: typeof v['maxFileSize'] === 'number' && Number.isFinite(v['maxFileSize']) && v['maxFileSize'] >= 0 ? v['maxFileSize'] : defaults.maxFileSize,
    };
  }
  function codeList(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    return value.filter((c): c is string => typeof c === 'string' && c.trim().length > 0).map((c) => c.trim().toUpperCase());
  }
}

export type TreeNodeKind = 'task' | 'version' | 'entry' | 'output' | 'more' | 'history' | 'event';

/** A place in a workspace file (LSP positions): where a cached task is defined. */
export interface CodeLocation {
  uri: string;
  line: number;
  character: number;
}

/** How the explorer orders tasks: by name, by hits (most first), by size (largest first), by recency (newest first). */
export type TreeSort = 'name' | 'hits' | 'size' | 'recency';

export namespace TreeSort {
  export const all: readonly TreeSort[] = ['name', 'hits', 'size', 'recency'];
  export function from(value: unknown): TreeSort {
    return all.find((s) => s === value) ?? 'name';
  }
}

/** One row of the cache explorer; the client turns it into a TreeItem and asks for its children. */
export interface TreeNode {
  kind: TreeNodeKind;
  /** Stable id, unique in the tree. */
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  hasChildren: boolean;
  task?: string;
  version?: string;
  hash?: string;
  /** For `more`: the offset of the next page. */
  offset?: number;
  /** For `entry`: its decoded outputs, shown as its children. */
  outputs?: { name: string; value: string; full: string }[];
  /** The tooltip is Markdown (rendered as a MarkdownString). */
  markdownTooltip?: boolean;
  /** A codicon id overriding the kind's icon (a history event's status). */
  icon?: string;
  /** A codicon color theme id for `icon`, such as `testing.iconPassed`. */
  iconColor?: string;
  /** For `task`: where the task is defined in the workspace, when found. */
  location?: CodeLocation;
  /** For `version`: `current` = the version in code; `orphaned` = the task is in code with another version. */
  versionState?: 'current' | 'orphaned';
}

export namespace TreeChildrenRequest {
  export const method = 'flyteCache/treeChildren';
  export interface Params {
    parent?: TreeNode;
    /** Only tasks whose name contains this (case-insensitive); empty or absent: all. */
    filter?: string;
    /** Order of the task rows; absent: by name. */
    sort?: TreeSort;
  }
  export const type = new RequestType<Params, TreeNode[], void>(method);
}

export namespace ImportCacheRequest {
  export const method = 'flyteCache/importCache';
  export interface Params {
    /** A cache folder or cache.db path; absent: the configured one. */
    path?: string;
  }
  export interface Result {
    source: string;
    imported: number;
    legacy: number;
    warnings: string[];
    storePath: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** Everything the task detail panel shows, in one answer. */
export namespace TaskDetailsRequest {
  export const method = 'flyteCache/taskDetails';
  export interface Params {
    task: string;
  }
  export interface Event {
    /** Unix seconds. */
    time: number;
    status: string;
    version: string;
    source: string;
    hash: string | null;
    durationMs: number | null;
  }
  export interface Entry {
    version: string;
    hash: string;
    /** Unix seconds. */
    storedAt: number;
    size: number;
    legacy: boolean;
    /** Decoded outputs as JSON text per output name; null when not decodable. */
    outputs: { name: string; value: string }[] | null;
  }
  export interface Result {
    task: string;
    entries: number;
    versions: { version: string; entries: number; state?: 'current' | 'orphaned' }[];
    hits: number;
    misses: number;
    hitRate: number | null;
    timeSavedMs: number;
    /** Oldest first, at most the latest 500. */
    events: Event[];
    /** Newest first, at most 200. */
    entryRows: Entry[];
    /** The total when `entryRows` holds only the newest. */
    entryTotal: number;
    location?: CodeLocation;
    codeVersion?: string;
  }
  export const type = new RequestType<Params, Result | null, void>(method);
}

/** The cache task name of the Flyte task at a position of an open document, or null. */
export namespace TaskAtRequest {
  export const method = 'flyteCache/taskAt';
  export interface Params {
    uri: string;
    position: { line: number; character: number };
  }
  export interface Result {
    /** The name the cache knows the task by (present in the store), else the name it would get. */
    task: string;
    /** Whether the store holds entries or history of that task. */
    cached: boolean;
  }
  export const type = new RequestType<Params, Result | null, void>(method);
}

/** Re-reads the store file, so what the CLI or another window saved shows up. */
export namespace RefreshStoreRequest {
  export const method = 'flyteCache/refreshStore';
  export const type = new RequestType<Record<string, never>, void, void>(method);
}

/** Client command a CodeLens runs: shows the cache task (argument 0) in the explorer. */
export const RevealTaskCommand = 'flyteCache.revealTask';

export namespace StoreChangedNotification {
  export const method = 'flyteCache/storeChanged';
  export interface Params {
    entries: number;
  }
  export const type = new NotificationType<Params>(method);
}

export namespace StatusNotification {
  export const method = 'flyteCache/status';
  export interface Params {
    severity: 'ok' | 'warning' | 'error';
    message: string;
  }
  export const type = new NotificationType<Params>(method);
}

/** Server-side command behind `flyteCache.bumpVersion`: arguments [uri, {line, character}]. */
export const BumpVersionCommand = 'flyteCache.server.bumpVersion';

/**
 * Evicts local cache entries: a task's (optionally one version's, or one inputs hash's) or one
 * key. With `dryRun` nothing is deleted and the result lists what would go, for confirmation.
 * The server runs `python` with diskcache; it never writes cache.db itself.
 */
export namespace EvictRequest {
  export const method = 'flyteCache/evict';
  export type Target = { task: string; version?: string; hash?: string } | { key: string };
  export interface Params {
    target: Target;
    /** Interpreter with diskcache installed (the client resolves `flyteCache.python.path`). */
    python: string;
    /** A cache folder; absent: the configured one. */
    cacheDir?: string;
    dryRun?: boolean;
  }
  export interface Result {
    /** Absolute cache folder. */
    source: string;
    /** "wf.train version 1.0" and the like. */
    description: string;
    /** Keys removed, or with dryRun the keys that would be. */
    keys: string[];
    /** Keys that were already gone. */
    missing: string[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}
