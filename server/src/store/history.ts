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

/** Per task: how many events and the newest one's time, counted in SQL (the history_task_time index). */
export function eventSummaries(db: Database, task?: string): Map<string, { count: number; last: number }> {
  const where = task === undefined ? '' : 'WHERE task = ?';
  const rows = queryRows(db, `SELECT task, COUNT(*) AS n, MAX(time) AS last FROM history ${where} GROUP BY task`, task === undefined ? [] : [task]);
  return new Map(rows.map((r) => [String(r['task']), { count: Number(r['n']), last: Number(r['last']) }]));
}

/**
 * Counts in SQL; only the events of inputs that were hit are read into JS, in time order, so
 * each hit meets the populating run that came before it.
 */
export function computeStats(db: Database): TaskStats[] {
  const stats = new Map<string, TaskStats>();
  const get = (task: string) => {
    let s = stats.get(task);
    if (!s) {
      s = { task, entries: 0, hits: 0, misses: 0, hitRate: null, timeSavedMs: 0 };
      stats.set(task, s);
    }
    return s;
  };
  for (const r of queryRows(db, 'SELECT DISTINCT task FROM entries')) get(String(r['task']));
  const counts = `SELECT task, SUM(status = 'hit') AS hits, SUM(status = 'miss') AS misses FROM history GROUP BY task`;
  for (const r of queryRows(db, counts)) Object.assign(get(String(r['task'])), { hits: Number(r['hits']), misses: Number(r['misses']) });
  const keys = `SELECT task, COUNT(*) AS n FROM (
      SELECT task, version, hash FROM entries
      UNION SELECT task, version, hash FROM history WHERE hash IS NOT NULL AND status IN ('hit', 'populated')
    ) GROUP BY task`;
  for (const r of queryRows(db, keys)) get(String(r['task'])).entries = Number(r['n']);
  const hitInputs = `SELECT task, version, hash, status, duration_ms FROM history
    WHERE hash IS NOT NULL AND status IN ('hit', 'populated', 'evicted')
      AND (task, version, hash) IN (SELECT task, version, hash FROM history WHERE status = 'hit' AND hash IS NOT NULL)
    ORDER BY time, id`;
  const populatedMs = new Map<string, number>();
  for (const r of queryRows(db, hitInputs)) {
    const task = String(r['task']);
    const key = `${task}\u0000${entryId(String(r['version']), String(r['hash']))}`;
    const duration = r['duration_ms'];
    if (r['status'] === 'populated' && typeof duration === 'number') populatedMs.set(key, duration);
    if (r['status'] === 'evicted') populatedMs.delete(key);
    if (r['status'] === 'hit') get(task).timeSavedMs += populatedMs.get(key) ?? 0;
  }
  return [...stats.values()]
    .sort((a, b) => (a.task < b.task ? -1 : a.task > b.task ? 1 : 0))
    .map((s) => ({
      ...s,
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
