// Replacing one cache folder's entries (an import), with the import's history events. From
// schema v3 on, the local `populated` events of the imported entries are kept as the entries'
// event_seq rather than as history rows (derived-events.ts); the result is the same history.
// From v4 on an import whose events start with its entries' populated events runs in SQL
// (replace-rows.ts); the rest, and older schemas, take the path below with records in JS.
import type { Database } from 'sql.js';
import { DerivedLookup, derivedId, hasEventSeq, isDerivable, materializedIds, populatedEventsOf, readCounter, sourceSeqs, writeCounter } from './derived-events';
import { toRecord } from './entry-record';
import { eventKey, insertEvents } from './history';
import type { HistoryEvent } from './history-types';
import { dropStaged, stageRows, type ImportRows } from './import-rows';
import { insertRows, queryRows, withIndexesRebuilt } from './query';
import { replaceWithRows, ROW_COLUMNS, type RowQuery } from './replace-rows';
import type { CacheEntryRecord } from './types';

/**
 * Replaces `source`'s entries by `rows`, records the import and adds the events (`all` of them, or
 * the entries' populated events then `rest`). Returns the tasks whose summary rows may have
 * changed. Call inside a transaction (the image, if any, attached).
 */
export function replaceRows(
  db: Database,
  source: string,
  rows: ImportRows,
  warnings: string[],
  importedAt: number,
  events: { all: HistoryEvent[] } | { rest: HistoryEvent[] },
): { newEvents: number; entries: number; touched: Set<string> } {
  db.run('SAVEPOINT import_rows');
  let done = false;
  try {
    const staged = stageRows(db, rows);
    const list = 'all' in events ? events.all : events.rest;
    let result: { newEvents: number; entries: number; touched: Set<string> } | undefined;
    if ('rest' in events && hasValueColumn(db) && !staged.clash) {
      const replaced = replaceWithRows(db, source, staged.query, events.rest);
      if (replaced !== undefined) {
        recordImport(db, source, importedAt, staged.query.rows, warnings);
        // A source imported before: only the tasks of rows that changed (a first import: all of them).
        const touched = replaced.firstImport ? staged.tasks : replaced.touched;
        for (const e of list) touched.add(e.task);
        result = { newEvents: replaced.newEvents, entries: staged.query.rows, touched };
      }
    }
    if (result === undefined) {
      const records = rows.bulk ? readRecords(db, staged.query) : [...rows.entries].sort((a, b) => a.ord - b.ord).map((o) => o.entry);
      db.run('ROLLBACK TO import_rows');
      const touched = new Set(queryRows(db, 'SELECT DISTINCT task FROM entries WHERE source = ?', [source]).map((r) => String(r['task'])));
      for (const e of records) touched.add(e.task);
      for (const e of list) touched.add(e.task);
      const all = 'all' in events ? events.all : [...populatedEventsOf(records), ...events.rest];
      result = { newEvents: replaceWithRecords(db, source, records, warnings, importedAt, all), entries: records.length, touched };
    }
    dropStaged(db);
    db.run('RELEASE import_rows');
    done = true;
    return result;
  } finally {
    if (!done) {
      db.run('ROLLBACK TO import_rows');
      db.run('RELEASE import_rows');
    }
  }
}

function hasValueColumn(db: Database): boolean {
  return queryRows(db, `SELECT 1 FROM pragma_table_info('entries') WHERE name = 'value'`).length > 0;
}

function readRecords(db: Database, query: RowQuery): CacheEntryRecord[] {
  return queryRows(db, `SELECT ${ROW_COLUMNS} FROM (${query.sql}) ORDER BY ord`, query.params).map(toRecord);
}

function recordImport(db: Database, source: string, importedAt: number, count: number, warnings: string[]): void {
  db.run('INSERT INTO imports (source, imported_at, entry_count, warnings_json) VALUES (?, ?, ?, ?)', [source, importedAt, count, JSON.stringify(warnings)]);
}

const ENTRY_COLUMNS = 'source, key, task, version, hash, stored_at, size, outputs_json, legacy';

/** Replaces `source`'s entries, records the import and adds `events`; returns how many events were new. Call inside a transaction. */
function replaceWithRecords(db: Database, source: string, entries: CacheEntryRecord[], warnings: string[], importedAt: number, events: readonly HistoryEvent[]): number {
  const values = (e: CacheEntryRecord) => [source, e.key, e.task, e.version, e.hash, e.storedAt, e.size, e.outputs === null ? null : JSON.stringify(e.outputs), e.legacy ? 1 : 0];
  const record = () => recordImport(db, source, importedAt, entries.length, warnings);
  if (!hasEventSeq(db)) {
    db.run('DELETE FROM entries WHERE source = ?', [source]);
    insertEntries(db, ENTRY_COLUMNS, 9, entries.map(values));
    record();
    return events.length === 0 ? 0 : insertEvents(db, events);
  }
  // A key listed twice keeps its last row (INSERT OR REPLACE): the rows it replaces derive nothing,
  // so their events (if brought) are stored as history rows, as before.
  const last = new Map<string, number>();
  entries.forEach((e, i) => last.set(e.key, i));
  const ids = entries.map((e, i) => (e.storedAt > 0 && last.get(e.key) === i ? derivedId(e.task, e.version, e.hash, e.storedAt) : undefined));
  const plan = planEvents(db, source, ids, events);
  db.run('DELETE FROM entries WHERE source = ?', [source]);
  materialize(db, plan.vanished);
  // One entry per event carries its seq (the first one): reads need no DISTINCT.
  const owned = new Set<string>();
  const seqOf = (id: string | undefined): number | null => {
    const seq = id === undefined || owned.has(id) ? undefined : plan.seqs.get(id);
    if (id === undefined || seq === undefined) return null;
    owned.add(id);
    return seq;
  };
  insertEntries(db, `${ENTRY_COLUMNS}, event_seq`, 10, entries.map((e, i) => [...values(e), seqOf(ids[i])]));
  record();
  writeCounter(db, plan.next);
  return plan.derivedNew + (plan.rest.length === 0 ? 0 : insertEvents(db, plan.rest, plan.restIds));
}

function insertEntries(db: Database, columns: string, width: number, rows: unknown[][]): void {
  withIndexesRebuilt(db, 'entries', ['entries_task_version'], rows.length, () => insertRows(db, `INSERT OR REPLACE INTO entries (${columns})`, width, rows));
}

interface EventPlan {
  /** derivedId → event_seq for the new entries that derive their populated event. */
  seqs: Map<string, number>;
  derivedNew: number;
  /** Events stored as history rows, with the ids drawn for them in list order. */
  rest: HistoryEvent[];
  restIds: number[];
  /** Events the source's old entries derived that no new entry will: written to history. */
  vanished: { seq: number; task: string; version: string; hash: string; time: number }[];
  next: number;
}

/**
 * Walks the events in order, drawing ids as insertEvents would: an entry's populated event keeps
 * the seq this source's old entry derived it with, else gets the next id; when it is a history
 * row already or another source's entry derives it, the entry derives nothing.
 */
function planEvents(db: Database, source: string, entryIds: readonly (string | undefined)[], events: readonly HistoryEvent[]): EventPlan {
  const old = sourceSeqs(db, source);
  const imported = new Set(entryIds);
  const anyMaterialized = queryRows(db, `SELECT 1 FROM history WHERE status = 'populated' AND source = 'local' AND execution IS NULL LIMIT 1`).length > 0;
  const materialized = anyMaterialized ? materializedIds(db) : new Set<string>();
  const others = new DerivedLookup(db, source);
  const plan: EventPlan = { seqs: new Map(), derivedNew: 0, rest: [], restIds: [], vanished: [], next: readCounter(db) };
  const seen = new Set<string>();
  try {
    for (const e of events) {
      const id = isDerivable(e) ? derivedId(e.task, e.version, e.hash as string, e.time) : undefined;
      if (id === undefined || !imported.has(id)) {
        plan.rest.push(e);
        plan.restIds.push(plan.next++);
        continue;
      }
      if (seen.has(id)) continue;
      seen.add(id);
      // Already a history row, or derived by another source's entry: this entry derives nothing.
      if (materialized.has(id) || others.seqOf(e) !== undefined) continue;
      const known = old.get(id)?.seq;
      if (known !== undefined) {
        plan.seqs.set(id, known);
      } else {
        plan.seqs.set(id, plan.next++);
        plan.derivedNew++;
      }
    }
  } finally {
    others.free();
  }
  for (const [id, o] of old) if (!plan.seqs.has(id)) plan.vanished.push(o);
  return plan;
}

/** Writes the events as history rows with their seq as id (no other entry derives them: one owner per event). */
function materialize(db: Database, events: EventPlan['vanished']): void {
  const rows = events.map((o) => {
    const e: HistoryEvent = { task: o.task, version: o.version, hash: o.hash, status: 'populated', source: 'local', execution: null, time: o.time, durationMs: null };
    return [o.seq, eventKey(e), e.task, e.version, e.hash, e.status, e.source, e.execution, e.time, e.durationMs];
  });
  insertRows(db, 'INSERT OR IGNORE INTO history (id, event_key, task, version, hash, status, source, execution, time, duration_ms)', 10, rows);
}
