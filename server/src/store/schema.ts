// The store's schema and its ordered migrations. Append a migration to change the schema;
// never edit one that has shipped: files in users' folders were made by it.
import type { Database } from 'sql.js';
import { inTransaction, queryRows } from './query';
import { refreshTaskSummaries, TASK_SUMMARY_TABLE } from './task-summary';

export interface Migration {
  /** 1, 2, 3, … in order; the file's schema version after this migration ran. */
  readonly version: number;
  readonly description: string;
  readonly up: (db: Database) => void;
}

export const APPLICATION_ID = 'flyte-cache-inspector';

export const migrations: readonly Migration[] = [
  {
    version: 1,
    description: 'entries and imports tables',
    up: (db) => {
      db.run(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      db.run(`CREATE TABLE entries (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        task TEXT NOT NULL,
        version TEXT NOT NULL,
        hash TEXT NOT NULL,
        stored_at REAL NOT NULL,
        size INTEGER NOT NULL,
        outputs_json TEXT,
        legacy INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (source, key)
      )`);
      db.run(`CREATE INDEX entries_task_version ON entries (task, version, stored_at)`);
      db.run(`CREATE TABLE imports (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        imported_at REAL NOT NULL,
        entry_count INTEGER NOT NULL,
        warnings_json TEXT NOT NULL
      )`);
    },
  },
  {
    version: 2,
    description: 'history of cache lookups',
    up: (db) => {
      db.run(`CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        event_key TEXT NOT NULL UNIQUE,
        task TEXT NOT NULL,
        version TEXT NOT NULL,
        hash TEXT,
        status TEXT NOT NULL CHECK (status IN ('hit', 'miss', 'populated', 'overwrite', 'disabled', 'lookup_failure', 'put_failure', 'skipped', 'evicted')),
        source TEXT NOT NULL CHECK (source IN ('local', 'recorded', 'remote')),
        execution TEXT,
        time REAL NOT NULL,
        duration_ms REAL
      )`);
      db.run(`CREATE INDEX history_task_time ON history (task, time)`);
      db.run(`CREATE INDEX history_time ON history (time)`);
      db.run(`CREATE INDEX history_entry ON history (task, version, hash, time)`);
    },
  },
  {
    version: 3,
    description: 'per-task summary rows kept current by every write; local populated events kept as entries.event_seq',
    up: (db) => {
      db.run(`ALTER TABLE entries ADD COLUMN event_seq INTEGER`);
      db.run(`INSERT OR REPLACE INTO meta (key, value) VALUES ('next_event_seq', (SELECT COALESCE(MAX(id), 0) + 1 FROM history))`);
      db.run(TASK_SUMMARY_TABLE);
      refreshTaskSummaries(db);
    },
  },
  {
    version: 4,
    description: 'entries: raw LiteralMap bytes decoded when read (value); a rowid table with a unique (source, key) index a bulk import builds once; a covering task/version index',
    up: (db) => {
      const columns = 'source, key, task, version, hash, stored_at, size, outputs_json, legacy, event_seq';
      db.run(`CREATE TABLE entries_v4 (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        task TEXT NOT NULL,
        version TEXT NOT NULL,
        hash TEXT NOT NULL,
        stored_at REAL NOT NULL,
        size INTEGER NOT NULL,
        outputs_json TEXT,
        legacy INTEGER NOT NULL DEFAULT 0,
        event_seq INTEGER,
        value BLOB
      )`);
      db.run(`INSERT INTO entries_v4 (${columns}) SELECT ${columns} FROM entries`);
      db.run('DROP TABLE entries');
      db.run('ALTER TABLE entries_v4 RENAME TO entries');
      db.run('CREATE UNIQUE INDEX entries_source_key ON entries (source, key)');
      // Covering: the per-task summaries, version rows and derived-event lookups read the index alone.
      db.run('CREATE INDEX entries_task_version ON entries (task, version, stored_at, size, event_seq, hash)');
    },
  },
];

/** The file is a SQLite database but not one of ours, or one a newer release wrote. */
export class UnknownSchemaError extends Error {}

function tableNames(db: Database): string[] {
  return queryRows(db, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).map((r) => String(r['name']));
}

/** The schema version of an open database: 0 for an empty one. Throws UnknownSchemaError for foreign files. */
export function schemaVersion(db: Database): number {
  const tables = tableNames(db);
  if (tables.length === 0) return 0;
  if (!tables.includes('meta')) throw new UnknownSchemaError(`it holds tables (${tables.join(', ')}) but none of ours`);
  const rows = queryRows(db, `SELECT key, value FROM meta WHERE key IN ('application', 'schema_version')`);
  const meta = new Map(rows.map((r) => [String(r['key']), String(r['value'])]));
  if (meta.get('application') !== APPLICATION_ID) throw new UnknownSchemaError(`its meta table does not name ${APPLICATION_ID}`);
  const version = Number(meta.get('schema_version'));
  if (!Number.isInteger(version) || version < 1) throw new UnknownSchemaError(`its schema version "${meta.get('schema_version')}" is not a number`);
  return version;
}

/** Throws unless the list is numbered 1..n in order (a programming error, never the file's fault). */
export function checkMigrationList(list: readonly Migration[]): void {
  list.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${i} has version ${m.version}, expected ${i + 1}`);
  });
}

/** Brings the database to the newest version in `list`, each step in its own transaction. Returns the version reached. */
export function migrate(db: Database, list: readonly Migration[] = migrations): number {
  checkMigrationList(list);
  const latest = list.length;
  const current = schemaVersion(db);
  if (current > latest) {
    throw new UnknownSchemaError(`it has schema version ${current}, newer than this release knows (${latest})`);
  }
  for (const m of list.slice(current)) {
    inTransaction(db, () => {
      m.up(db);
      db.run(`INSERT OR REPLACE INTO meta (key, value) VALUES ('application', ?), ('schema_version', ?)`, [APPLICATION_ID, String(m.version)]);
    });
  }
  return latest;
}
