// Eviction in two steps, shared by `flyte-cache evict` and the explorer: plan (read cache.db
// read-only and pick the matching entries, so they can be listed and confirmed), then execute
// (diskcache deletes them through the user's Python; the store records `evicted` events and, when
// it holds an import of that folder, re-imports it).
import { FLYTE2_TASK } from '../importers/flyte2-local';
import { readFlytekitLocalCache } from '../importers/flytekit-local-cache';
import { CacheStore, SqliteImage, type CacheEntryRecord } from '../store';
import { deleteWithDiskcache, type DeleteOptions } from './diskcache-delete';
import { evictedEvents, matchesTarget, type EvictTarget } from './evict-target';
import { importLocalCache, type LocalImportResult } from './import-local';

export interface EvictionPlan {
  /** Absolute cache folder. */
  source: string;
  target: EvictTarget;
  entries: CacheEntryRecord[];
}

export interface EvictionOutcome {
  removed: CacheEntryRecord[];
  /** Keys that were gone by the time Python looked. */
  missing: string[];
  /** The re-import of the folder into the store, when the store had imported it before. */
  reimport?: LocalImportResult;
}

export async function planEviction(cacheDir: string, target: EvictTarget): Promise<EvictionPlan> {
  const read = await readFlytekitLocalCache(cacheDir, { openImage: (bytes) => SqliteImage.open(bytes) });
  return { source: read.source, target, entries: read.entries.filter((e) => matchesTarget(e, target)) };
}

/** Deletes the plan's keys with `python` + diskcache, then updates `store` in memory (the caller saves). */
export async function executeEviction(plan: EvictionPlan, python: string, store: CacheStore | undefined, options: DeleteOptions & { now?: () => Date } = {}): Promise<EvictionOutcome> {
  if (plan.entries.length === 0) return { removed: [], missing: [] };
  const flyte2 = (e: CacheEntryRecord) => e.task === FLYTE2_TASK;
  const result = await deleteWithDiskcache(python, plan.source, plan.entries.filter((e) => !flyte2(e)).map((e) => e.key), {
    ...options,
    flyte2Keys: plan.entries.filter(flyte2).map((e) => e.key),
  });
  const gone = new Set(result.removed);
  const removed = plan.entries.filter((e) => gone.has(e.key));
  if (!store) return { removed, missing: result.missing };
  store.addEvents(evictedEvents(removed, (options.now?.() ?? new Date()).getTime() / 1000));
  const reimport = store.lastImport(plan.source) ? await importLocalCache(store, plan.source) : undefined;
  return reimport ? { removed, missing: result.missing, reimport } : { removed, missing: result.missing };
}
