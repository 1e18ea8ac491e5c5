// The task detail panel's data: statistics, the hit/miss timeline and the newest entries with
// their decoded outputs, read in one go from the store.
import type { TaskDetailsRequest } from '../../../protocol/src/protocol';
import type { CacheStore } from '../store';
import { type CodeTask, locationOf } from './code-index';
import { describeValue } from './format';

export const DETAIL_EVENTS = 500;
export const DETAIL_ENTRIES = 200;

export function taskDetails(store: CacheStore, task: string, code: CodeTask | undefined): TaskDetailsRequest.Result | null {
  const versions = store.versions(task);
  const events = store.history({ task, limit: DETAIL_EVENTS });
  const stats = store.taskOverviews(task)[0]?.stats;
  if (versions.length === 0 && events.length === 0) return null;
  const entryRows: TaskDetailsRequest.Entry[] = [];
  for (const v of versions) {
    if (entryRows.length >= DETAIL_ENTRIES) break;
    for (const e of store.entries(task, v.version, 0, DETAIL_ENTRIES - entryRows.length)) {
      entryRows.push({
        version: e.version,
        hash: e.hash,
        storedAt: e.storedAt,
        size: e.size,
        legacy: e.legacy,
        outputs: e.outputs === null ? null : Object.entries(e.outputs).map(([name, value]) => ({ name, value: describeValue(value, 2000) })),
      });
    }
  }
  entryRows.sort((a, b) => b.storedAt - a.storedAt);
  const entryTotal = versions.reduce((n, v) => n + v.entries, 0);
  const known = code?.version;
  return {
    task,
    entries: entryTotal,
    versions: versions.map((v) => ({
      version: v.version,
      entries: v.entries,
      ...(known === undefined ? {} : { state: known === v.version ? ('current' as const) : ('orphaned' as const) }),
    })),
    hits: stats?.hits ?? 0,
    misses: stats?.misses ?? 0,
    hitRate: stats?.hitRate ?? null,
    timeSavedMs: stats?.timeSavedMs ?? 0,
    events: events
      .map((e) => ({ time: e.time, status: e.status, version: e.version, source: e.source, hash: e.hash, durationMs: e.durationMs }))
      .reverse(),
    entryRows,
    entryTotal,
    ...(code ? { location: locationOf(code) } : {}),
    ...(known === undefined ? {} : { codeVersion: known }),
  };
}
