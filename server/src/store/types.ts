export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

/** One cached task execution: its key parts and decoded outputs. */
export interface CacheEntryRecord {
  key: string;
  task: string;
  version: string;
  hash: string;
  /** Unix seconds, float. */
  storedAt: number;
  /** Bytes of the stored value. */
  size: number;
  /** null = not decodable (legacy pickle, missing file, unknown format). */
  outputs: Record<string, JsonValue> | null;
  /** Stored by flytekit < 1.15 as a pickle: listed, never unpickled. */
  legacy: boolean;
}

export interface TaskSummary {
  task: string;
  versions: number;
  entries: number;
  size: number;
  lastStored: number;
}

export interface VersionSummary {
  task: string;
  version: string;
  entries: number;
  size: number;
  lastStored: number;
}

/** One import of a cache folder, as recorded in the store. */
export interface ImportRecord {
  source: string;
  /** Unix seconds. */
  importedAt: number;
  entryCount: number;
  warnings: string[];
}
