// Replacing one source's entries with rows SQLite reads itself (schema v4): an INSERT … SELECT
// instead of a bind and step per entry. Gives the same entries, history and counts as
// replaceSourceRows (replace-source.ts) when the import brings every entry's populated event,
// which is what an import of a cache folder does:
// - an entry stands for its populated event with event_seq = next + its position (`ord`): ids keep
//   the entries' order and come after every id handed out before; the gaps are never seen (ids
//   only order events of equal time);
// - an entry whose event is a history row already, or is derived by another source's entry,
//   derives nothing; one whose event this source's previous entry derived keeps that id;
// - rows equal to the previous import's (same key, task, version, hash, time, size, outputs) are
//   not rewritten;
// - the previous entries' events that no entry derives any more are written to history.
// Returns undefined, having changed nothing the caller's savepoint cannot undo, when a key is
// listed twice: the caller then takes the general path.
import type { Database } from 'sql.js';
import { readCounter, writeCounter } from './derived-events';
import { eventKey, insertEvents } from './history';
import type { HistoryEvent } from './history-types';
import { insertRows, queryRows, withIndexesRebuilt } from './query';

/** The columns a row query yields, in this order. */
export const ROW_COLUMNS = 'ord, key, task, version, hash, stored_at, size, legacy, outputs_json, value';

export interface RowQuery {
  /** SELECT yielding ROW_COLUMNS, one row per entry; `ord` orders them and is at most maxOrd. */
  sql: string;
  params: unknown[];
  maxOrd: number;
  rows: number;
}

const ENTRY_COLUMNS = 'source, key, task, version, hash, stored_at, size, legacy, outputs_json, value, event_seq';

export interface Replaced {
  /** Events that were new. */
  newEvents: number;
  /** The source had no entries before. */
  firstImport: boolean;
  /** Tasks of the rows written or removed, and of the kept rows that derive an event now (when not firstImport). */
  touched: Set<string>;
}

/** Call inside a transaction, within a savepoint the caller rolls back on undefined. */
export function replaceWithRows(db: Database, source: string, rows: RowQuery, rest: readonly HistoryEvent[]): Replaced | undefined {
  const next = readCounter(db);
  const insert = (from: string) =>
    `INSERT INTO entries (${ENTRY_COLUMNS}) SELECT ?, key, task, version, hash, stored_at, size, legacy, outputs_json, value,
       CASE WHEN stored_at > 0 THEN ? + ord END FROM ${from}`;
  const firstImport = queryRows(db, 'SELECT 1 FROM entries WHERE source = ? LIMIT 1', [source]).length === 0;
  let changed: Changed = { vanished: [], touched: new Set() };
  if (firstImport) {
    try {
      withIndexesRebuilt(db, 'entries', ['entries_source_key', 'entries_task_version'], rows.rows, () => db.run(insert(`(${rows.sql})`), [source, next, ...(rows.params as never[])]));
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
  } else {
    const replaced = replaceChanged(db, source, rows, next, insert);
    if (replaced === undefined) return undefined;
    changed = replaced;
  }
  deriveNothingWhereStored(db, source, next);
  materialize(db, changed.vanished);
  const derivedNew = Number(queryRows(db, 'SELECT COUNT(*) AS n FROM entries WHERE event_seq >= ?', [next])[0]?.['n'] ?? 0);
  const restStart = next + rows.maxOrd + 1;
  writeCounter(db, restStart + rest.length);
  const restIds = rest.map((_, i) => restStart + i);
  return { newEvents: derivedNew + (rest.length === 0 ? 0 : insertEvents(db, rest, restIds)), firstImport, touched: changed.touched };
}

type Vanished = { seq: number; task: string; version: string; hash: string; time: number };

interface Changed {
  /** The previous events no entry derives now. */
  vanished: Vanished[];
  touched: Set<string>;
}

/**
 * A source imported before: keeps the rows that did not change, replaces the others, and moves
 * the previous entries' event ids to the new rows that stand for the same events. Undefined when
 * a key is listed twice. The rows are read twice (which are kept; the others) rather than copied
 * to a temp table first.
 */
function replaceChanged(db: Database, source: string, rows: RowQuery, next: number, insert: (from: string) => string): Changed | undefined {
  const params = rows.params as never[];
  try {
    db.run(
      `CREATE TEMP TABLE import_kept AS SELECT r.ord AS ord, e.rowid AS erow, e.event_seq AS seq
       FROM (${rows.sql}) r CROSS JOIN entries e
       WHERE e.source = ? AND e.key = r.key AND e.task = r.task AND e.version = r.version AND e.hash = r.hash AND e.stored_at = r.stored_at
         AND e.size = r.size AND e.legacy = r.legacy AND e.outputs_json IS r.outputs_json AND e.value IS r.value`,
      [...params, source],
    );
    try {
      // The same old row kept for two new rows: a key listed twice.
      db.run('CREATE UNIQUE INDEX temp.import_kept_erow ON import_kept (erow)');
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
    db.run('CREATE INDEX temp.import_kept_ord ON import_kept (ord)');
    // The rows that go (usually none or few), found in the (source, key) index alone.
    const count = (sql: string, params: unknown[]) => Number(queryRows(db, sql, params)[0]?.['n'] ?? 0);
    const allKept = count('SELECT COUNT(*) AS n FROM entries WHERE source = ?', [source]) === count('SELECT COUNT(*) AS n FROM import_kept', []);
    db.run(
      `CREATE TEMP TABLE import_gone AS SELECT rowid AS erow FROM entries WHERE source = ? AND ${allKept ? '0' : 'rowid NOT IN (SELECT erow FROM import_kept)'}`,
      [source],
    );
    db.run(
      `CREATE TEMP TABLE import_old AS SELECT task, version, hash, stored_at, event_seq FROM entries
       WHERE rowid IN (SELECT erow FROM import_gone) AND event_seq IS NOT NULL`,
    );
    db.run('CREATE INDEX temp.import_old_id ON import_old (task, version, hash, stored_at)');
    const tasksOf = (sql: string, params: unknown[] = []) => queryRows(db, `SELECT DISTINCT task FROM entries WHERE ${sql}`, params).map((r) => String(r['task']));
    const touched = new Set(tasksOf('rowid IN (SELECT erow FROM import_gone)'));
    db.run('DELETE FROM entries WHERE rowid IN (SELECT erow FROM import_gone)');
    // New rows get rowids above every existing one (no AUTOINCREMENT: max + 1).
    const lastRowid = Number(queryRows(db, 'SELECT COALESCE(MAX(rowid), 0) AS n FROM entries')[0]?.['n'] ?? 0);
    try {
      db.run(insert(`(${rows.sql}) WHERE ord NOT IN (SELECT ord FROM import_kept)`), [source, next, ...params]);
    } catch (error) {
      if (isDuplicateKey(error)) return undefined;
      throw error;
    }
    for (const task of tasksOf('rowid > ?', [lastRowid])) touched.add(task);
    // A kept row that derived nothing (its event was not brought before) stands for it now, as a new row would.
    const deriving = 'rowid IN (SELECT erow FROM import_kept WHERE seq IS NULL) AND stored_at > 0';
    for (const task of tasksOf(deriving)) touched.add(task);
    db.run(`UPDATE entries SET event_seq = ? + (SELECT ord FROM import_kept WHERE erow = entries.rowid) WHERE ${deriving}`, [next]);
    const sameEvent = `o.task = entries.task AND o.version = entries.version AND o.hash = entries.hash AND o.stored_at = entries.stored_at`;
    // Rows with event_seq >= next are this import's own (every older id is smaller): no need to ask for the source.
    db.run(
      `UPDATE entries SET event_seq = (SELECT o.event_seq FROM import_old o WHERE ${sameEvent})
       WHERE event_seq >= ? AND EXISTS (SELECT 1 FROM import_old o WHERE ${sameEvent})`,
      [next],
    );
    const vanished = queryRows(
      db,
      `SELECT task, version, hash, stored_at, event_seq FROM import_old o
       WHERE NOT EXISTS (SELECT 1 FROM entries e INDEXED BY entries_task_version WHERE e.task = o.task AND e.version = o.version
         AND e.stored_at = o.stored_at AND e.hash = o.hash AND e.source = ? AND e.event_seq = o.event_seq)`,
      [source],
    ).map((r) => ({ seq: Number(r['event_seq']), task: String(r['task']), version: String(r['version']), hash: String(r['hash']), time: Number(r['stored_at']) }));
    return { vanished, touched };
  } finally {
    for (const table of ['import_kept', 'import_gone', 'import_old']) db.run(`DROP TABLE IF EXISTS temp.${table}`);
  }
}

/** New rows (event_seq >= next: no older id is that large) whose event is a history row already, or derived by another source's entry, derive nothing. */
function deriveNothingWhereStored(db: Database, source: string, next: number): void {
  const stored = queryRows(db, `SELECT 1 FROM history WHERE status = 'populated' AND source = 'local' AND execution IS NULL AND hash IS NOT NULL LIMIT 1`).length > 0;
  if (stored) {
    db.run(
      `UPDATE entries SET event_seq = NULL WHERE event_seq >= ? AND EXISTS (
         SELECT 1 FROM history h INDEXED BY history_entry WHERE h.task = entries.task AND h.version = entries.version AND h.hash = entries.hash
           AND h.time = entries.stored_at AND h.status = 'populated' AND h.source = 'local' AND h.execution IS NULL)`,
      [next],
    );
  }
  // (source < ? OR source > ?) rather than <>: the (source, key) index finds other sources' rows.
  const others = queryRows(db, 'SELECT 1 FROM entries WHERE (source < ? OR source > ?) AND event_seq IS NOT NULL LIMIT 1', [source, source]).length > 0;
  if (others) {
    db.run(
      `UPDATE entries SET event_seq = NULL WHERE event_seq >= ? AND EXISTS (
         SELECT 1 FROM entries o INDEXED BY entries_task_version WHERE o.task = entries.task AND o.version = entries.version
           AND o.stored_at = entries.stored_at AND o.hash = entries.hash AND o.source <> entries.source AND o.event_seq IS NOT NULL)`,
      [next],
    );
  }
}

/** Writes the events as history rows with their seq as id (no entry derives them any more). */
function materialize(db: Database, events: readonly Vanished[]): void {
  const rows = events.map((o) => {
    const e: HistoryEvent = { task: o.task, version: o.version, hash: o.hash, status: 'populated', source: 'local', execution: null, time: o.time, durationMs: null };
    return [o.seq, eventKey(e), e.task, e.version, e.hash, e.status, e.source, e.execution, e.time, e.durationMs];
  });
  insertRows(db, 'INSERT OR IGNORE INTO history (id, event_key, task, version, hash, status, source, execution, time, duration_ms)', 10, rows);
}

function isDuplicateKey(error: unknown): boolean {
  return error instanceof Error && /UNIQUE constraint failed: (entries\.source, entries\.key|import_kept\.erow)$/.test(error.message);
}
