// The history table: cache lookups from recorded runs, Flyte Admin and imports, and the
// per-task statistics computed from them.
import { createHash } from 'node:crypto';
import type { Database } from 'sql.js';
import { DERIVED_COUNT_COLUMNS, DerivedLookup, derivedRowsSql, hasEventSeq, isDerivable, readCounter, writeCounter } from './derived-events';
import { insertRows, queryRows, withIndexesRebuilt } from './query';
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

/** The history table's indexes besides the primary key and event_key's uniqueness. */
const HISTORY_INDEXES = ['history_task_time', 'history_time', 'history_entry'];

/**
 * Inserts the events that are not there yet (in order) and returns how many were new. Call inside
 * a transaction. From schema v3 on, ids come from the shared counter (`ids` when the caller drew
 * them), and local populated events that an entry derives already count as there.
 */
export function insertEvents(db: Database, events: readonly HistoryEvent[], ids?: readonly number[]): number {
  const head = 'INSERT OR IGNORE INTO history (event_key, task, version, hash, status, source, execution, time, duration_ms';
  const values = (e: HistoryEvent) => [eventKey(e), e.task, e.version, e.hash, e.status, e.source, e.execution, e.time, e.durationMs];
  if (!hasEventSeq(db)) {
    const rows = events.map(values);
    return withIndexesRebuilt(db, 'history', HISTORY_INDEXES, rows.length, () => insertRows(db, `${head})`, 9, rows));
  }
  const derived = new DerivedLookup(db);
  let next = readCounter(db);
  const rows: unknown[][] = [];
  try {
    events.forEach((e, i) => {
      const id = ids?.[i] ?? next++;
      if (!isDerivable(e) || derived.seqOf(e) === undefined) rows.push([...values(e), id]);
    });
  } finally {
    derived.free();
  }
  if (ids === undefined) writeCounter(db, next);
  return withIndexesRebuilt(db, 'history', HISTORY_INDEXES, rows.length, () => insertRows(db, `${head}, id)`, 10, rows));
}

/** Events newest first (ties: the later added first), optionally of one task, one page at a time. */
export function selectHistory(db: Database, query: HistoryQuery = {}): HistoryEvent[] {
  const limit = query.limit === undefined ? -1 : Math.max(0, Math.floor(query.limit));
  const offset = Math.max(0, Math.floor(query.offset ?? 0));
  const byTask = query.task !== undefined;
  const where = byTask ? 'WHERE task = ?' : '';
  const task = byTask ? [query.task] : [];
  if (!hasEventSeq(db)) {
    return queryRows(db, `SELECT * FROM history ${where} ORDER BY time DESC, id DESC LIMIT ? OFFSET ?`, [...task, limit, offset]).map(toEvent);
  }
  const sql = `SELECT task, version, hash, status, source, execution, time, duration_ms, id AS seq FROM history ${where}
    UNION ALL ${derivedRowsSql(byTask)}
    ORDER BY time DESC, seq DESC LIMIT ? OFFSET ?`;
  return queryRows(db, sql, [...task, ...task, limit, offset]).map(toEvent);
}

/** Per task (or of the listed tasks): how many events and the newest one's time, counted in SQL. */
export function eventCounts(db: Database, tasks?: readonly string[]): Map<string, { count: number; last: number }> {
  const only = tasks === undefined ? '' : 'WHERE task IN (SELECT value FROM json_each(?))';
  const list = tasks === undefined ? [] : [JSON.stringify(tasks)];
  const counts = new Map<string, { count: number; last: number }>();
  for (const r of queryRows(db, `SELECT task, COUNT(*) AS n, MAX(time) AS last FROM history ${only} GROUP BY task`, list)) {
    counts.set(String(r['task']), { count: Number(r['n']), last: Number(r['last']) });
  }
  if (hasEventSeq(db)) {
    for (const r of queryRows(db, `SELECT task, ${DERIVED_COUNT_COLUMNS} FROM entries ${only} GROUP BY task`, list)) addDerived(counts, r);
  }
  // Ordered by task, as one GROUP BY would give them.
  return new Map([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Adds a `DERIVED_COUNT_COLUMNS` row (task, derived, derived_last) to per-task event counts. */
export function addDerived(counts: Map<string, { count: number; last: number }>, r: Record<string, unknown>): void {
  const n = Number(r['derived']);
  if (n === 0) return;
  const task = String(r['task']);
  const known = counts.get(task);
  const last = Number(r['derived_last']);
  counts.set(task, known ? { count: known.count + n, last: Math.max(known.last, last) } : { count: n, last });
}

/** Per task (or of one task): how many events and the newest one's time. */
export function eventSummaries(db: Database, task?: string): Map<string, { count: number; last: number }> {
  return eventCounts(db, task === undefined ? undefined : [task]);
}

/**
 * Counts in SQL; only the events of inputs that were hit are read into JS, in time order, so
 * each hit meets the populating run that came before it. `tasks` limits the work (and the
 * result) to those tasks; every statistic is per task, so the numbers are the same either way.
 */
export function computeStats(db: Database, tasks?: readonly string[]): TaskStats[] {
  const stats = new Map<string, TaskStats>();
  const get = (task: string) => {
    let s = stats.get(task);
    if (!s) {
      s = { task, entries: 0, hits: 0, misses: 0, hitRate: null, timeSavedMs: 0 };
      stats.set(task, s);
    }
    return s;
  };
  // `AND task IN (…)` when limited: the list as one JSON parameter.
  const only = tasks === undefined ? '' : 'AND task IN (SELECT value FROM json_each(?))';
  const params = tasks === undefined ? [] : [JSON.stringify(tasks)];
  const twice = [...params, ...params];
  for (const r of queryRows(db, `SELECT DISTINCT task FROM entries WHERE 1 ${only}`, params)) get(String(r['task']));
  for (const r of queryRows(db, `SELECT DISTINCT task FROM history WHERE 1 ${only}`, params)) get(String(r['task']));
  // One pass over the table keeping hits and misses only (walking an index would look up every row).
  const counts = `SELECT task, SUM(status = 'hit') AS hits, SUM(status = 'miss') AS misses FROM history NOT INDEXED
    WHERE status IN ('hit', 'miss') ${only} GROUP BY task`;
  for (const r of queryRows(db, counts, params)) Object.assign(get(String(r['task'])), { hits: Number(r['hits']), misses: Number(r['misses']) });
  // Known inputs task by task: many small sets to deduplicate, each read from an index, instead
  // of one of every entry (30 ms less for 100,000 entries).
  const keys = `SELECT t.value AS task, (SELECT COUNT(*) FROM (
      SELECT version, hash FROM entries WHERE task = t.value
      UNION SELECT version, hash FROM history WHERE task = t.value AND hash IS NOT NULL AND status IN ('hit', 'populated'))) AS n
    FROM json_each(?) t`;
  for (const r of queryRows(db, keys, [JSON.stringify([...stats.keys()])])) get(String(r['task'])).entries = Number(r['n']);
  const hitInputs = `SELECT task, version, hash, status, duration_ms FROM history
    WHERE hash IS NOT NULL AND status IN ('hit', 'populated', 'evicted') ${only}
      AND (task, version, hash) IN (SELECT task, version, hash FROM history WHERE status = 'hit' AND hash IS NOT NULL ${only})
    ORDER BY time, id`;
  const populatedMs = new Map<string, number>();
  for (const r of queryRows(db, hitInputs, twice)) {
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
