/** What a cache lookup came to, named after flyteidl's CatalogCacheStatus (CACHE_HIT → hit, …). */
export const HISTORY_STATUSES = ['hit', 'miss', 'populated', 'overwrite', 'disabled', 'lookup_failure', 'put_failure', 'skipped', 'evicted'] as const;
export type HistoryStatus = (typeof HISTORY_STATUSES)[number];

/** local: derived from an imported cache.db; recorded: from `flyte-cache record`; remote: from Flyte Admin. */
export const HISTORY_SOURCES = ['local', 'recorded', 'remote'] as const;
export type HistorySource = (typeof HISTORY_SOURCES)[number];

/** One cache lookup or write of one task's inputs. */
export interface HistoryEvent {
  task: string;
  version: string;
  /**
   * An id for the inputs: the 32 hex of a local cache key, the catalog artifact tag of a remote
   * node execution, or `logged-<hex>` (a digest of the inputs flytekit logged) for recorded runs.
   * null when unknown.
   */
  hash: string | null;
  status: HistoryStatus;
  source: HistorySource;
  /** Execution (and node) id, or the recording's id; null when unknown. */
  execution: string | null;
  /** Unix seconds. */
  time: number;
  /** How long the task ran (populated) or the lookup took (hit); null when unknown. */
  durationMs: number | null;
}

export interface HistoryQuery {
  task?: string;
  limit?: number;
  offset?: number;
}

export interface TaskStats {
  task: string;
  /** Distinct (version, inputs) entries known from imports and history. */
  entries: number;
  hits: number;
  misses: number;
  /** hits / (hits + misses); null when there were neither. */
  hitRate: number | null;
  /** Per entry: the duration of the run that populated it × the hits that followed it. */
  timeSavedMs: number;
}
