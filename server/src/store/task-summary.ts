// The task_summary table (schema v3): one row per task the store knows (from entries or history)
// with everything the explorer's task rows show, so listing them reads a few dozen rows instead
// of aggregating every entry and event. Rows are recomputed from entries and history for the
// tasks a write touched, inside that write's transaction, so they always equal what the live
// queries (tasks(), eventSummaries(), computeStats()) return.
import type { Database } from 'sql.js';
import { DERIVED_COUNT_COLUMNS, hasEventSeq } from './derived-events';
import { addDerived, computeStats } from './history';
import type { TaskStats } from './history-types';
import { queryRows } from './query';
import type { TaskSummary } from './types';

/** A task row's numbers: entry summary (zeros when only history knows the task), statistics, events. */
export interface TaskOverview {
  summary: TaskSummary;
  stats: TaskStats;
  /** History events of the task. */
  events: number;
  /** Unix seconds of the newest event, 0 when none. */
  lastEvent: number;
}

export const TASK_SUMMARY_TABLE = `CREATE TABLE task_summary (
  task TEXT PRIMARY KEY,
  versions INTEGER NOT NULL,
  entries INTEGER NOT NULL,
  size INTEGER NOT NULL,
  last_stored REAL NOT NULL,
  events INTEGER NOT NULL,
  last_event REAL NOT NULL,
  known_inputs INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  misses INTEGER NOT NULL,
  time_saved_ms REAL NOT NULL
)`;

/** Whether the database has the table (stores opened with an older migration list in tests do not). */
export function hasTaskSummary(db: Database): boolean {
  return queryRows(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'task_summary'`).length > 0;
}

/** Recomputes the rows of `tasks` (every task when undefined). Call inside the write's transaction. */
export function refreshTaskSummaries(db: Database, tasks?: readonly string[]): void {
  if (tasks !== undefined && tasks.length === 0) return;
  const overviews = computeOverviews(db, tasks);
  if (tasks === undefined) db.run('DELETE FROM task_summary');
  else db.run('DELETE FROM task_summary WHERE task IN (SELECT value FROM json_each(?))', [JSON.stringify(tasks)]);
  const insert = db.prepare(`INSERT INTO task_summary VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  try {
    for (const o of overviews) {
      const { summary: t, stats: s } = o;
      insert.run([t.task, t.versions, t.entries, t.size, t.lastStored, o.events, o.lastEvent, s.entries, s.hits, s.misses, s.timeSavedMs]);
    }
  } finally {
    insert.free();
  }
}

/** Every task's row, ordered by task. */
export function readTaskSummaries(db: Database, task?: string): TaskOverview[] {
  const where = task === undefined ? '' : 'WHERE task = ?';
  return queryRows(db, `SELECT * FROM task_summary ${where} ORDER BY task`, task === undefined ? [] : [task]).map((r) => {
    const hits = Number(r['hits']);
    const misses = Number(r['misses']);
    const name = String(r['task']);
    return {
      summary: { task: name, versions: Number(r['versions']), entries: Number(r['entries']), size: Number(r['size']), lastStored: Number(r['last_stored']) },
      stats: { task: name, entries: Number(r['known_inputs']), hits, misses, hitRate: hits + misses === 0 ? null : hits / (hits + misses), timeSavedMs: Number(r['time_saved_ms']) },
      events: Number(r['events']),
      lastEvent: Number(r['last_event']),
    };
  });
}

/** The rows computed from entries and history: the same queries the store's other reads use. */
export function computeOverviews(db: Database, tasks?: readonly string[]): TaskOverview[] {
  const only = tasks === undefined ? '' : 'WHERE task IN (SELECT value FROM json_each(?))';
  const params = tasks === undefined ? [] : [JSON.stringify(tasks)];
  const rows = new Map<string, TaskOverview>();
  const get = (task: string): TaskOverview => {
    let o = rows.get(task);
    if (!o) {
      o = {
        summary: { task, versions: 0, entries: 0, size: 0, lastStored: 0 },
        stats: { task, entries: 0, hits: 0, misses: 0, hitRate: null, timeSavedMs: 0 },
        events: 0,
        lastEvent: 0,
      };
      rows.set(task, o);
    }
    return o;
  };
  const derived = hasEventSeq(db);
  const entrySql = `SELECT task, COUNT(DISTINCT version) AS versions, COUNT(*) AS entries, SUM(size) AS size, MAX(stored_at) AS last_stored
    ${derived ? `, ${DERIVED_COUNT_COLUMNS}` : ''} FROM entries ${only} GROUP BY task`;
  const entryRows = queryRows(db, entrySql, params);
  for (const r of entryRows) {
    const task = String(r['task']);
    get(task).summary = { task, versions: Number(r['versions']), entries: Number(r['entries']), size: Number(r['size']), lastStored: Number(r['last_stored']) };
  }
  // History rows, then the populated events entries stand for (one pass over entries for both).
  const events = new Map<string, { count: number; last: number }>();
  for (const r of queryRows(db, `SELECT task, COUNT(*) AS n, MAX(time) AS last FROM history ${only} GROUP BY task`, params)) {
    events.set(String(r['task']), { count: Number(r['n']), last: Number(r['last']) });
  }
  if (derived) for (const r of entryRows) addDerived(events, r);
  for (const [task, { count, last }] of events) Object.assign(get(task), { events: count, lastEvent: last });
  for (const s of computeStats(db, tasks)) get(s.task).stats = s;
  return [...rows.values()].sort((a, b) => (a.summary.task < b.summary.task ? -1 : a.summary.task > b.summary.task ? 1 : 0));
}
