import fs from 'node:fs';
import path from 'node:path';
import type { Database, SqlJsStatic } from 'sql.js';
import { writeFileAtomic } from './atomic-write';
import { computeStats, checkEvent, eventSummaries, insertEvents, selectHistory } from './history';
import type { HistoryEvent, HistoryQuery, TaskStats } from './history-types';
import { inTransaction, queryRows } from './query';
import { replaceRows } from './replace-source';
import { checkMigrationList, migrate, migrations as shippedMigrations, type Migration } from './schema';
import { loadSqlJs } from './sql-engine';
import { withStoreLock, type LockOptions } from './store-lock';
import { computeOverviews, hasTaskSummary, readTaskSummaries, refreshTaskSummaries, type TaskOverview } from './task-summary';
import type { CacheEntryRecord, ImportRecord, TaskSummary, VersionSummary } from './types';
import { eventsAfterPopulated } from './derived-events';
import { toRecord } from './entry-record';
import { withImage, type ImportRows } from './import-rows';
import { withRoom } from './file-room';
import { openUnless } from './open-unless';

export interface OpenOptions {
  /** The schema history to apply; tests pass their own to exercise upgrades. */
  migrations?: readonly Migration[];
  /** Clock for backup names and import times. */
  now?: () => Date;
  /** How long save() waits for another process's lock, and when a lock counts as abandoned. */
  lock?: LockOptions;
  /** A new store is first written by save(), not by open(): for a caller that saves its change right away (one fsync less). */
  deferCreate?: boolean;
}

/** A change made through this CacheStore, kept until saved so it can be replayed onto what another process wrote. */
type Operation = (db: Database) => void;

/**
 * The explorer's own SQLite file (sql.js in memory). save() takes the lock file next to it,
 * re-reads the file, replays this process's unsaved changes onto it and writes the result
 * atomically, so several processes (VS Code windows, the CLI) share one store and lose nothing.
 */
export class CacheStore {
  private saving: Promise<void> = Promise.resolve();
  private pending: Operation[] = [];
  /** The identity (fileIdentity) of the file content the database holds apart from `pending`; undefined = unknown. */
  private synced: string | undefined;

  private constructor(
    readonly file: string,
    private db: Database,
    private readonly now: () => Date,
    private readonly SQL: SqlJsStatic,
    private readonly list: readonly Migration[],
    private readonly lock: LockOptions,
  ) {}

  /** Opens or creates the store; an unreadable file is moved aside (never deleted) and a fresh store started. */
  static async open(file: string, options: OpenOptions = {}): Promise<{ store: CacheStore; warning?: string }> {
    const absolute = path.resolve(file);
    const list = options.migrations ?? shippedMigrations;
    const now = options.now ?? (() => new Date());
    const lock = options.lock ?? {};
    checkMigrationList(list);
    await fs.promises.mkdir(path.dirname(absolute), { recursive: true });
    const SQL = await loadSqlJs();

    const existing = await readIfExists(absolute);
    let warning: string | undefined;
    if (existing && existing.bytes.byteLength > 0) {
      try {
        const db = openExisting(SQL, existing.bytes, list);
        const store = new CacheStore(absolute, db.db, now, SQL, list, lock);
        if (!db.upgraded) store.synced = existing.identity;
        if (db.upgraded) await store.save();
        return { store };
      } catch (error) {
        const backup = await moveAside(absolute, now());
        warning =
          `The cache store ${absolute} could not be read (${reason(error)}). ` +
          `It was moved to ${backup} and a new, empty store was started.`;
      }
    }
    const db = new SQL.Database();
    migrate(db, list);
    const store = new CacheStore(absolute, db, now, SQL, list, lock);
    if (!options.deferCreate) await store.save();
    return warning === undefined ? { store } : { store, warning };
  }

  /**
   * One import of a cache folder replaces that folder's previous rows. `fingerprint` identifies
   * the folder's content read (see importFingerprint); without one, the next import reads again.
   * `events` (the import's history) are added in the same transaction, as addEvents would;
   * returns how many of them were new.
   */
  replaceSource(source: string, entries: CacheEntryRecord[], warnings: string[], fingerprint?: string, events: readonly HistoryEvent[] = []): number {
    events.forEach(checkEvent);
    const copy = events.map((e) => ({ ...e }));
    const rest = eventsAfterPopulated(entries, copy);
    const rows: ImportRows = { entries: entries.map((entry, ord) => ({ ord, entry })) };
    return this.importRows(source, rows, warnings, fingerprint, rest === undefined ? { all: copy } : { rest }).newEvents;
  }

  /**
   * An import of a cache folder (replaceSource) from rows SQLite copies out of the folder's image
   * plus rows read in JS, with every entry's populated event and then `events`. Rows equal to the
   * previous import's are kept as they are.
   */
  replaceSourceRows(source: string, rows: ImportRows, warnings: string[], fingerprint: string | undefined, events: readonly HistoryEvent[]): { newEvents: number; entries: number } {
    events.forEach(checkEvent);
    return this.importRows(source, rows, warnings, fingerprint, { rest: events.map((e) => ({ ...e })) });
  }

  /** `events`: every event of the import (`all`), or those after the entries' own populated events (`rest`). */
  private importRows(source: string, rows: ImportRows, warnings: string[], fingerprint: string | undefined, events: { all: HistoryEvent[] } | { rest: HistoryEvent[] }): { newEvents: number; entries: number } {
    const importedAt = this.now().getTime() / 1000;
    // A first import of the folder: its rows take about one and a half times the image's bytes
    // (table and two indexes). A re-import keeps the rows that did not change.
    if (rows.bulk && !this.hasSource(source)) this.db = withRoom(this.SQL, this.db, rows.bulk.image.byteLength * 1.5);
    return this.apply((db) =>
      withImage(db, rows.bulk, () =>
        inTransaction(db, () => {
          const { touched, ...result } = replaceRows(db, source, rows, warnings, importedAt, events);
          if (fingerprint === undefined) db.run('DELETE FROM meta WHERE key = ?', [fingerprintKey(source)]);
          else db.run('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)', [fingerprintKey(source), fingerprint]);
          refreshSummaries(db, [...touched]);
          return result;
        }),
      ),
    );
  }

  /** The fingerprint saved with the last import of `source`, if any: equal means nothing changed since. */
  importFingerprint(source: string): string | undefined {
    const value = queryRows(this.db, 'SELECT value FROM meta WHERE key = ?', [fingerprintKey(source)])[0]?.['value'];
    return typeof value === 'string' ? value : undefined;
  }

  /** The newest import of `source`. */
  lastImport(source: string): ImportRecord | undefined {
    return queryRows(this.db, 'SELECT * FROM imports WHERE source = ? ORDER BY imported_at DESC, id DESC LIMIT 1', [source]).map(toImport)[0];
  }

  /** Adds history events, skipping ones already stored (same source, execution, task, version, inputs, status and time). Returns how many were new. */
  addEvents(events: readonly HistoryEvent[]): number {
    events.forEach(checkEvent);
    const copy = events.map((e) => ({ ...e }));
    return this.apply((db) =>
      inTransaction(db, () => {
        const added = insertEvents(db, copy);
        if (added > 0) refreshSummaries(db, [...new Set(copy.map((e) => e.task))]);
        return added;
      }),
    );
  }

  /** History events, newest first. */
  history(query: HistoryQuery = {}): HistoryEvent[] {
    return selectHistory(this.db, query);
  }

  /** Per task (or of one task): the number of history events and the newest one's time (Unix seconds). */
  eventSummaries(task?: string): Map<string, { count: number; last: number }> {
    return eventSummaries(this.db, task);
  }

  /**
   * Every task the store knows (from entries or history), or just `task`, with its entry summary,
   * statistics and event count, ordered by task: read from the summary rows every write keeps current.
   */
  taskOverviews(task?: string): TaskOverview[] {
    if (!hasTaskSummary(this.db)) return computeOverviews(this.db, task === undefined ? undefined : [task]);
    return readTaskSummaries(this.db, task);
  }

  /** Hits, misses, hit rate and time saved per task, ordered by task. */
  stats(): TaskStats[] {
    return computeStats(this.db);
  }

  tasks(): TaskSummary[] {
    return queryRows(
      this.db,
      `SELECT task, COUNT(DISTINCT version) AS versions, COUNT(*) AS entries, SUM(size) AS size, MAX(stored_at) AS last_stored
       FROM entries GROUP BY task ORDER BY task`,
    ).map((r) => ({
      task: String(r['task']),
      versions: Number(r['versions']),
      entries: Number(r['entries']),
      size: Number(r['size']),
      lastStored: Number(r['last_stored']),
    }));
  }

  versions(task: string): VersionSummary[] {
    return queryRows(
      this.db,
      `SELECT version, COUNT(*) AS entries, SUM(size) AS size, MAX(stored_at) AS last_stored
       FROM entries WHERE task = ? GROUP BY version ORDER BY last_stored DESC, version`,
      [task],
    ).map((r) => ({
      task,
      version: String(r['version']),
      entries: Number(r['entries']),
      size: Number(r['size']),
      lastStored: Number(r['last_stored']),
    }));
  }

  /** One page of a version's entries, newest first. */
  entries(task: string, version: string, offset: number, limit: number): CacheEntryRecord[] {
    return queryRows(
      this.db,
      `SELECT * FROM entries WHERE task = ? AND version = ? ORDER BY stored_at DESC, key, source LIMIT ? OFFSET ?`,
      [task, version, Math.max(0, Math.floor(limit)), Math.max(0, Math.floor(offset))],
    ).map(toRecord);
  }

  allEntries(): (CacheEntryRecord & { source: string })[] {
    return queryRows(this.db, `SELECT * FROM entries ORDER BY task, version, stored_at, key, source`).map((r) => ({
      ...toRecord(r),
      source: String(r['source']),
    }));
  }

  private hasSource(source: string): boolean {
    return queryRows(this.db, 'SELECT 1 FROM entries WHERE source = ? LIMIT 1', [source]).length > 0;
  }

  /** Entries imported from one cache folder, and how many of them are legacy (pickled). */
  sourceCounts(source: string): { entries: number; legacy: number } {
    const row = queryRows(this.db, 'SELECT COUNT(*) AS n, COALESCE(SUM(legacy), 0) AS legacy FROM entries WHERE source = ?', [source])[0];
    return { entries: Number(row?.['n'] ?? 0), legacy: Number(row?.['legacy'] ?? 0) };
  }

  count(): number {
    return Number(queryRows(this.db, 'SELECT COUNT(*) AS n FROM entries')[0]?.['n'] ?? 0);
  }

  /** Past imports, newest first. */
  imports(): ImportRecord[] {
    return queryRows(this.db, 'SELECT * FROM imports ORDER BY imported_at DESC, id DESC').map(toImport);
  }

  /**
   * Under the lock: re-reads the file, replays this process's unsaved changes onto it, and
   * writes the result atomically. Calls are serialized. Afterwards reads see other processes'
   * saved changes too.
   */
  save(): Promise<void> {
    const next = this.saving.then(() => withStoreLock(this.file, () => this.mergeAndWrite(), this.lock));
    this.saving = next.catch(() => undefined);
    return next;
  }

  /** Re-reads the file so reads see what other processes saved; unsaved changes are kept. */
  async refresh(): Promise<void> {
    const next = this.saving.then(async () => {
      if (await this.unchangedOnDisk()) return;
      this.rebase(await readIfExists(this.file));
    });
    this.saving = next.catch(() => undefined);
    return next;
  }

  private async mergeAndWrite(): Promise<void> {
    // The file is still what this database was read from or last wrote (no other process saved
    // since): the changes are applied already, nothing to re-read or replay.
    const read = (await this.unchangedOnDisk()) ? undefined : await readIfExists(this.file);
    // From here to the export nothing awaits, so no change can slip between replay and export.
    if (read !== undefined) this.rebase(read);
    const flushed = this.pending;
    this.pending = [];
    const image = this.db.export();
    this.synced = undefined;
    try {
      await writeFileAtomic(this.file, image);
    } catch (error) {
      this.pending = [...flushed, ...this.pending];
      throw error;
    }
    this.synced = await fileIdentity(this.file);
  }

  private async unchangedOnDisk(): Promise<boolean> {
    return this.synced !== undefined && (await fileIdentity(this.file)) === this.synced;
  }

  /** Replaces the in-memory database by the file's content plus the unsaved changes; keeps the current one if the file is missing or unreadable. */
  private rebase(read: { bytes: Uint8Array; identity: string } | undefined): void {
    if (!read || read.bytes.byteLength === 0) return;
    let fresh: Database;
    try {
      fresh = openExisting(this.SQL, read.bytes, this.list).db;
    } catch {
      return;
    }
    try {
      for (const operation of this.pending) operation(fresh);
    } catch (error) {
      fresh.close();
      throw error;
    }
    this.db.close();
    this.db = fresh;
    this.synced = read.identity;
  }

  private apply<T>(operation: (db: Database) => T): T {
    const result = operation(this.db);
    this.pending.push((db) => void operation(db));
    return result;
  }

  close(): void {
    this.db.close();
  }
}

/** Recomputes the summary rows of the tasks a write touched (when the schema has them). */
function refreshSummaries(db: Database, tasks: readonly string[]): void {
  if (hasTaskSummary(db)) refreshTaskSummaries(db, tasks);
}

// Kept in the meta table (key/value), so no schema change: `import_fingerprint:<source folder>`.
function fingerprintKey(source: string): string {
  return `import_fingerprint:${source}`;
}

function toImport(r: Record<string, unknown>): ImportRecord {
  return {
    source: String(r['source']),
    importedAt: Number(r['imported_at']),
    entryCount: Number(r['entry_count']),
    warnings: JSON.parse(String(r['warnings_json'])) as string[],
  };
}

function openExisting(SQL: SqlJsStatic, bytes: Uint8Array, list: readonly Migration[]): { db: Database; upgraded: boolean } {
  const db = new SQL.Database(bytes);
  try {
    const check = queryRows(db, 'PRAGMA quick_check');
    const verdict = check.map((r) => String(Object.values(r)[0])).join('; ');
    if (verdict !== 'ok') throw new Error(verdict);
    const before = Number(queryRows(db, `SELECT COUNT(*) AS n FROM sqlite_master`)[0]?.['n'] ?? 0);
    const version = readVersionOrZero(db);
    const after = migrate(db, list);
    return { db, upgraded: before === 0 || after !== version };
  } catch (error) {
    db.close();
    throw error;
  }
}

function readVersionOrZero(db: Database): number {
  const hasMeta = queryRows(db, `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'`).length > 0;
  if (!hasMeta) return 0;
  return Number(queryRows(db, `SELECT value FROM meta WHERE key = 'schema_version'`)[0]?.['value'] ?? 0);
}

/** The file's bytes and the identity of exactly those bytes (stat of the handle they were read from). */
async function readIfExists(file: string): Promise<{ bytes: Uint8Array; identity: string } | undefined> {
  const handle = await openUnless(file, 'r', 'ENOENT');
  if (!handle) return undefined;
  try {
    const before = identityOf(await handle.stat({ bigint: true }));
    const bytes = await handle.readFile();
    const after = identityOf(await handle.stat({ bigint: true }));
    // Written to in place while read (never done by save(), which renames): identity unknown.
    return { bytes, identity: before === after ? before : `changing:${after}` };
  } finally {
    await handle.close();
  }
}

/**
 * Which file content is there: device, inode, size and change times in nanoseconds. save()
 * replaces the file by renaming a new one over it, so every save by any process gives a new
 * inode and change time.
 */
async function fileIdentity(file: string): Promise<string | undefined> {
  try {
    return identityOf(await fs.promises.stat(file, { bigint: true }));
  } catch {
    return undefined;
  }
}

function identityOf(s: fs.BigIntStats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** Renames the file to `<file>.unreadable-<UTC timestamp>` (with a counter if that name is taken). */
async function moveAside(file: string, when: Date): Promise<string> {
  const stamp = when.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  for (let n = 0; ; n++) {
    const backup = `${file}.unreadable-${stamp}${n === 0 ? '' : `-${n}`}`;
    try {
      await fs.promises.link(file, backup);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      // No hard links (some file systems): fall back to a rename guarded by an existence check.
      if (fs.existsSync(backup)) continue;
      await fs.promises.rename(file, backup);
      return backup;
    }
    await fs.promises.unlink(file);
    return backup;
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
