// Flyte 2 (flyte-sdk) rows in the same cache.db (flyte/_persistence/_db.py):
//   task_cache(key TEXT PRIMARY KEY, value BLOB): key = base64 of a sha256, value = a serialized
//     flyteidl2 `Outputs` (repeated NamedLiteral{name=1, value=2}: the wire layout of a LiteralMap).
//     Neither task nor version can be recovered from the key, and there is no store time.
//   runs(run_name, action_name, task_name, status, start_time, end_time, cache_enabled, cache_hit, …):
//     one row per action; status running | succeeded | failed.
import type { CacheEntryRecord, JsonValue } from '../store/types';
import type { HistoryEvent } from '../store/history-types';
import { decodeLiteralMap } from './literal-map';

/** The task Flyte 2 entries are listed under: their keys name no task. Not a Python identifier, so no flytekit task collides. */
export const FLYTE2_TASK = 'Flyte 2 (unnamed)';
export const FLYTE2_VERSION = 'unknown';

export function flyte2Entry(row: Record<string, unknown>, warnings: string[]): CacheEntryRecord | undefined {
  const key = String(row['key']);
  const value = row['value'];
  const bytes = value instanceof Uint8Array ? value : typeof value === 'string' ? Buffer.from(value, 'utf8') : undefined;
  if (!bytes) {
    warnings.push(`Skipped Flyte 2 entry "${key}": its value is ${value === null ? 'NULL' : `a ${typeof value}`}`);
    return undefined;
  }
  let outputs: Record<string, JsonValue> | null;
  try {
    outputs = decodeLiteralMap(bytes);
  } catch (error) {
    warnings.push(`Flyte 2 entry "${key}": its value is not a flyteidl2 Outputs message (${(error as Error).message}); outputs not shown`);
    outputs = null;
  }
  // storedAt 0: task_cache keeps no time.
  return { key, task: FLYTE2_TASK, version: FLYTE2_VERSION, hash: key, storedAt: 0, size: bytes.byteLength, outputs, legacy: false };
}

/**
 * History from one `runs` row of a cached action: a hit at its start; or a miss at its start
 * and, once it succeeded, `populated` at its end with the run's duration.
 */
export function runEvents(row: Record<string, unknown>): HistoryEvent[] {
  if (Number(row['cache_enabled'] ?? 0) === 0) return [];
  const task = stringOr(row['task_name']) ?? stringOr(row['short_name']);
  const start = Number(row['start_time']);
  if (!task || !Number.isFinite(start) || row['start_time'] === null) return [];
  const end = row['end_time'] === null || row['end_time'] === undefined ? undefined : Number(row['end_time']);
  const durationMs = end !== undefined && Number.isFinite(end) ? Math.max(0, (end - start) * 1000) : null;
  const base = { task, version: '', hash: null, source: 'local' as const, execution: `${String(row['run_name'])}/${String(row['action_name'])}` };
  if (Number(row['cache_hit'] ?? 0) !== 0) return [{ ...base, status: 'hit', time: start, durationMs }];
  const miss: HistoryEvent = { ...base, status: 'miss', time: start, durationMs: null };
  return row['status'] === 'succeeded' && end !== undefined ? [miss, { ...base, status: 'populated', time: end, durationMs }] : [miss];
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
