// The history table: cache lookups from recorded runs, Flyte Admin and imports, and the
// per-task statistics computed from them.
import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { queryRows } from './query';
import { HISTORY_SOURCES, HISTORY_STATUSES, type HistoryEvent, type HistoryQuery, type HistorySource, type HistoryStatus, type TaskStats } from './history-types';

/** Identifies an event, so importing the same events again adds nothing. */
export function eventKey(e: HistoryEvent): string {
  const parts = [e.source, e.execution, e.task, e.version, e.hash, e.status, e.time];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);
}

/** Throws on an event the schema would reject, naming the field. */
export function checkEvent(e: HistoryEvent): void {
  if (!(HISTORY_STATUSES as readonly string[]).includes(e.status)) throw new TypeError(`unknown history status "${e.status}"`);
  if (!(HISTORY_SOURCES as readonly string[]).includes(e.source)) throw new TypeError(`unknown history source "${e.source}"`);
  if (!e.task) throw new TypeError('a history event needs a task name');
  if (!Number.isFinite(e.time)) throw new TypeError(`history event time ${e.time} is not a number`);
}

/** Inserts the events that are not there yet and returns how many were new. Call inside a transaction. */
export function insertEvents(db: Database, events: readonly HistoryEvent[]): number {
  const insert = db.prepare(
    `INSERT OR IGNORE INTO history (event_key, task, version, hash, status, source, execution, time, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let added = 0;
  try {
    for (const e of events) {
      insert.run([eventKey(e), e.task, e.version, e.hash, e.status, e.source, e.execution, e.time, e.durationMs]);
      added += db.getRowsModified();
    }
  } finally {
    insert.free();
  }
  return added;
}

/** Events newest first, optionally of one task, one page at a time. */
export function selectHistory(db: Database, query: HistoryQuery = {}): HistoryEvent[] {
  const limit = query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const where = query.task === undefined ? '' : 'WHERE task = ?';
  const params: unknown[] = query.task === undefined ? [] : [query.task];
  return queryRows(db, `SELECT * FROM history ${where} ORDER BY time DESC, id DESC LIMIT ? OFFSET ?`, [...params, limit, offset]).map(toEvent);
}

export function computeStats(db: Database): TaskStats[] {
  const stats = new Map<string, TaskStats & { keys: Set<string> }>();
  const get = (task: string) => {
    let s = stats.get(task);
    if (!s) {
      s = { task, entries: 0, hits: 0, misses: 0, hitRate: null, timeSavedMs: 0, keys: new Set() };
      stats.set(task, s);
    }
    return s;
  };
  for (const r of queryRows(db, 'SELECT DISTINCT task, version, hash FROM entries')) {
    get(String(r['task'])).keys.add(entryId(String(r['version']), String(r['hash'])));
  }
  // Oldest first, so each hit meets the populating run that came before it.
  const events = queryRows(db, 'SELECT * FROM history ORDER BY time, id').map(toEvent);
  const populatedMs = new Map<string, number>();
  for (const e of events) {
    const s = get(e.task);
    if (e.status === 'hit') s.hits++;
    if (e.status === 'miss') s.misses++;
    if (e.hash === null) continue;
    const id = entryId(e.version, e.hash);
    if (e.status === 'hit' || e.status === 'populated') s.keys.add(id);
    const key = `${e.task}\u0000${id}`;
    if (e.status === 'populated' && e.durationMs !== null) populatedMs.set(key, e.durationMs);
    if (e.status === 'evicted') populatedMs.delete(key);
    if (e.status === 'hit') s.timeSavedMs += populatedMs.get(key) ?? 0;
  }
  return [...stats.values()]
    .sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0))
    .map(({ keys, ...s }) => ({
      ...s,
      entries: keys.size,
      hitRate: s.hits + s.misses === 0 ? null : s.hits / (s.hits + s.misses),
      timeSavedMs: Math.round(s.timeSavedMs),
    }));
}

function entryId(version: string, hash: string): string {
  return `${version}\u0000${hash}`;
}

function toEvent(r: Record<string, unknown>): HistoryEvent {
  const hash = r['hash'];
  const execution = r['execution'];
  const duration = r['duration_ms'];
  return {
    task: String(r['task']),
    version: String(r['version']),
    hash: typeof hash === 'string' ? hash : null,
    status: String(r['status']) as HistoryStatus,
    source: String(r['source']) as HistorySource,
    execution: typeof execution === 'string' ? execution : null,
    time: Number(r['time']),
    durationMs: typeof duration === 'number' ? duration : null,
  };
}
