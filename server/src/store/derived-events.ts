// Local `populated` events kept as entries (schema v3), not as history rows. An import used to add
// one history row per entry (a sha256 key and five index updates each); now an entry whose
// populated event the import brought carries `event_seq`: the history id that event would have
// had, drawn from the same counter as history ids (meta `next_event_seq`). Reads add one event
// per such entry to the history rows, ordered by (time, id) as before. When an entry goes (re-import, eviction) while its event is
// still derived from it, the event is written to history with that id first, so history keeps
// it. Invariants: an event is either derived or a history row, never both; at most one entry
// derives a given event.
import type { Database, Statement } from 'sql.js';
import { queryRows } from './query';
import type { HistoryEvent } from './history-types';

const COUNTER = 'next_event_seq';

/** Whether the database has entries.event_seq (v3 and later). */
export function hasEventSeq(db: Database): boolean {
  return queryRows(db, `SELECT 1 FROM pragma_table_info('entries') WHERE name = 'event_seq'`).length > 0;
}

/** The next history id / event_seq to hand out. */
export function readCounter(db: Database): number {
  const value = queryRows(db, 'SELECT value FROM meta WHERE key = ?', [COUNTER])[0]?.['value'];
  const fromMeta = Number(value ?? 0);
  const fromHistory = Number(queryRows(db, 'SELECT COALESCE(MAX(id), 0) + 1 AS n FROM history')[0]?.['n'] ?? 1);
  return Math.max(fromMeta, fromHistory);
}

export function writeCounter(db: Database, next: number): void {
  db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', [COUNTER, String(next)]);
}

/** Whether `e` is the kind of event entries can stand for: a local populated event with inputs and no execution. */
export function isDerivable(e: HistoryEvent): boolean {
  return e.status === 'populated' && e.source === 'local' && e.execution === null && e.hash !== null && e.time > 0;
}

/** Identity of a derivable event (what its event key hashes, less the constant parts). */
export function derivedId(task: string, version: string, hash: string, time: number): string {
  return `${task}\u0000${version}\u0000${hash}\u0000${time}`;
}

/** Looks up the event_seq with which a current entry (of another source than `exceptSource`) derives an event. */
export class DerivedLookup {
  private readonly statement: Statement | undefined;
  private readonly source: string | undefined;

  constructor(db: Database, exceptSource?: string) {
    this.source = exceptSource;
    const other = exceptSource === undefined ? '' : 'AND source <> ?';
    const params = exceptSource === undefined ? [] : [exceptSource];
    if (queryRows(db, `SELECT 1 FROM entries WHERE event_seq IS NOT NULL ${other} LIMIT 1`, params).length === 0) return;
    this.statement = db.prepare(
      `SELECT MIN(event_seq) AS seq FROM entries INDEXED BY entries_task_version
       WHERE task = ? AND version = ? AND stored_at = ? AND hash = ? AND event_seq IS NOT NULL ${other}`,
    );
  }

  seqOf(e: HistoryEvent): number | undefined {
    if (!this.statement || e.hash === null) return undefined;
    const row = this.statement.getAsObject([e.task, e.version, e.time, e.hash, ...(this.source === undefined ? [] : [this.source])]);
    this.statement.reset();
    const seq = row['seq'];
    return typeof seq === 'number' ? seq : undefined;
  }

  free(): void {
    this.statement?.free();
  }
}

/** The derivable events already stored as history rows, by derivedId (none read when there are none). */
export function materializedIds(db: Database): Set<string> {
  const rows = queryRows(db, `SELECT task, version, hash, time FROM history WHERE status = 'populated' AND source = 'local' AND execution IS NULL AND hash IS NOT NULL`);
  return new Set(rows.map((r) => derivedId(String(r['task']), String(r['version']), String(r['hash']), Number(r['time']))));
}

/** A source's entries that derive events: derivedId → event_seq. */
export function sourceSeqs(db: Database, source: string): Map<string, { seq: number; task: string; version: string; hash: string; time: number }> {
  const rows = queryRows(db, 'SELECT task, version, hash, stored_at, event_seq FROM entries WHERE source = ? AND event_seq IS NOT NULL', [source]);
  const out = new Map<string, { seq: number; task: string; version: string; hash: string; time: number }>();
  for (const r of rows) {
    const e = { task: String(r['task']), version: String(r['version']), hash: String(r['hash']), time: Number(r['stored_at']), seq: Number(r['event_seq']) };
    out.set(derivedId(e.task, e.version, e.hash, e.time), e);
  }
  return out;
}

/** SQL for the derived events as history-shaped rows (`seq` in place of id), optionally of one task (one `?`). */
export function derivedRowsSql(byTask: boolean): string {
  return `SELECT task, version, hash, 'populated' AS status, 'local' AS source, NULL AS execution, stored_at AS time, NULL AS duration_ms, event_seq AS seq
    FROM entries WHERE event_seq IS NOT NULL ${byTask ? 'AND task = ?' : ''}`;
}

/** SQL columns for an entries GROUP BY task: the derived events' count and newest time. */
export const DERIVED_COUNT_COLUMNS = `COUNT(event_seq) AS derived, MAX(CASE WHEN event_seq IS NOT NULL THEN stored_at END) AS derived_last`;

/** One `populated` event (source local) per entry at its store_time (none without one). */
export function populatedEventsOf(entries: readonly { task: string; version: string; hash: string; storedAt: number }[]): HistoryEvent[] {
  return entries.filter((e) => e.storedAt > 0).map((e) => ({ task: e.task, version: e.version, hash: e.hash, status: 'populated', source: 'local', execution: null, time: e.storedAt, durationMs: null }));
}

/**
 * The events after the entries' own populated events, when `events` starts with exactly those
 * (what an import brings); undefined otherwise, or when a later event is one an entry could derive.
 */
export function eventsAfterPopulated(entries: readonly { task: string; version: string; hash: string; storedAt: number }[], events: readonly HistoryEvent[]): HistoryEvent[] | undefined {
  const own = populatedEventsOf(entries);
  if (events.length < own.length) return undefined;
  const same = (a: HistoryEvent, b: HistoryEvent) =>
    a.task === b.task && a.version === b.version && a.hash === b.hash && a.status === b.status && a.source === b.source && a.execution === b.execution && a.time === b.time && a.durationMs === b.durationMs;
  if (!own.every((e, i) => same(e, events[i]!))) return undefined;
  const ids = new Set(own.map((e) => derivedId(e.task, e.version, e.hash as string, e.time)));
  const rest = events.slice(own.length);
  return rest.some((e) => isDerivable(e) && ids.has(derivedId(e.task, e.version, e.hash as string, e.time))) ? undefined : rest;
}
