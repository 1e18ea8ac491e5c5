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
}

export namespace Settings {
  export const defaults: Settings = { defaultCachePolicy: 'none', localCachePath: '', storePath: '', defaultCachePolicyIsSet: false, select: [], ignore: [], exclude: [], baseline: 'HEAD', baselineIsSet: false };
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
    };
  }
  function codeList(value: unknown): string[] {
    if (!Array.isArray(value)) return [];
    return value.filter((c): c is string => typeof c === 'string' && c.trim().length > 0).map((c) => c.trim().toUpperCase());
  }
}

export type TreeNodeKind = 'task' | 'version' | 'entry' | 'output' | 'more';

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
}

export namespace TreeChildrenRequest {
  export const method = 'flyteCache/treeChildren';
  export interface Params {
    parent?: TreeNode;
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
