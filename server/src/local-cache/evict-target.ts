// What an eviction removes: every entry of a task, of one version of it, one task's inputs, or one key.
import type { CacheEntryRecord } from '../store/types';
import type { HistoryEvent } from '../store/history-types';
import { populatedEventsOf } from '../store';

export type EvictTarget = { task: string; version?: string; hash?: string } | { key: string };

export function matchesTarget(entry: CacheEntryRecord, target: EvictTarget): boolean {
  if ('key' in target) return entry.key === target.key;
  return entry.task === target.task && (target.version === undefined || entry.version === target.version) && (target.hash === undefined || entry.hash === target.hash);
}

/** "key wf.train-1-ab…", "wf.train version 1.0", "all versions of wf.train". */
export function describeTarget(target: EvictTarget): string {
  if ('key' in target) return `key ${target.key}`;
  if (target.hash !== undefined) return `${target.task} version ${target.version ?? '*'} inputs ${target.hash}`;
  if (target.version !== undefined) return `${target.task} version ${target.version}`;
  return `all versions of ${target.task}`;
}

/** One `evicted` event (source local) per removed entry, at `time` (Unix seconds). */
export function evictedEvents(entries: readonly CacheEntryRecord[], time: number): HistoryEvent[] {
  return entries.map((e) => ({ task: e.task, version: e.version, hash: e.hash, status: 'evicted', source: 'local', execution: null, time, durationMs: null }));
}

/** One `populated` event (source local) per entry at its store_time (none without one): re-importing adds none again. */
export function populatedEvents(entries: readonly CacheEntryRecord[]): HistoryEvent[] {
  return populatedEventsOf(entries);
}
