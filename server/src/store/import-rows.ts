// An import's rows as SQL the store runs: the bulk of a cache folder's rows copied by SQLite from
// the attached image (no bind, step or decode per row in JS), plus the few rows read in JS,
// staged in a temp table at their place in the order.
import type { Database } from 'sql.js';
import { ROW_COLUMNS, type RowQuery } from './replace-rows';
import { insertRows, queryRows } from './query';
import type { SqliteImage } from './sqlite-image';
import type { CacheEntryRecord } from './types';

/** Rows SQLite copies from an image attached as `src`. */
export interface BulkRows {
  image: SqliteImage;
  /** SELECT over `src` yielding ord, key, prefix, hash, stored_at, size, legacy, value (raw LiteralMap bytes, or NULL). */
  sql: string;
  /** SELECT of the distinct `prefix` values of `sql` (same params). */
  prefixSql: string;
  params: unknown[];
  /** Task and version of a key prefix; called once per distinct prefix. */
  split: (prefix: string) => { task: string; version: string };
  /** Largest ord the SELECT can yield. */
  maxOrd: number;
  /** How many rows the SELECT yields. */
  count: number;
}

/** An entry read in JS and its place among the source's rows. */
export interface OrderedEntry {
  ord: number;
  entry: CacheEntryRecord;
}

export interface ImportRows {
  bulk?: BulkRows;
  entries: readonly OrderedEntry[];
}

export const SRC = 'src';

/** Attaches the image (outside any transaction), runs `body`, detaches. */
export function withImage<T>(db: Database, bulk: BulkRows | undefined, body: () => T): T {
  if (!bulk) return body();
  const wasOpen = bulk.image.isOpen;
  db.run(`ATTACH ? AS ${SRC}`, [bulk.image.attachPath()]);
  try {
    return body();
  } finally {
    db.run(`DETACH ${SRC}`);
    if (!wasOpen) bulk.image.close();
  }
}

export interface StagedRows {
  query: RowQuery;
  /** Tasks of the rows. */
  tasks: Set<string>;
  /** Two different keys could stand for the same event (same task, version and inputs): the general path decides which one derives it. */
  clash: boolean;
}

/**
 * Stages the rows (inside the import's transaction): the JS rows in temp.import_js, the bulk rows'
 * key prefixes split once each in temp.import_splits.
 */
export function stageRows(db: Database, rows: ImportRows): StagedRows {
  db.run(`CREATE TEMP TABLE import_js (ord INTEGER PRIMARY KEY, key TEXT, task TEXT, version TEXT, hash TEXT, stored_at REAL, size INTEGER, legacy INTEGER, outputs_json TEXT, value BLOB)`);
  insertRows(
    db,
    `INSERT INTO import_js (${ROW_COLUMNS})`,
    10,
    rows.entries.map(({ ord, entry: e }) => [ord, e.key, e.task, e.version, e.hash, e.storedAt, e.size, e.legacy ? 1 : 0, e.outputs === null ? null : JSON.stringify(e.outputs), null]),
  );
  // Task and version per key prefix: different prefixes giving the same pair could mean two keys, one event.
  const pairs = new Map<string, string>();
  const sameEventTwice = (prefix: string, task: string, version: string) => {
    const pair = `${task}\u0000${version}`;
    const seen = pairs.get(pair);
    pairs.set(pair, prefix);
    return seen !== undefined && seen !== prefix;
  };
  let clash = false;
  const tasks = new Set<string>();
  for (const { entry: e } of rows.entries) {
    tasks.add(e.task);
    const prefix = e.key.endsWith(`-${e.hash}`) ? e.key.slice(0, -(e.hash.length + 1)) : `\u0000${e.key}`;
    if (e.storedAt > 0 && sameEventTwice(prefix, e.task, e.version)) clash = true;
  }
  const js = { sql: `SELECT ${ROW_COLUMNS} FROM temp.import_js`, params: [] as unknown[] };
  const maxJsOrd = rows.entries.reduce((max, { ord }) => Math.max(max, ord), -1);
  const bulk = rows.bulk;
  if (!bulk) return { query: { ...js, maxOrd: maxJsOrd, rows: rows.entries.length }, tasks, clash };

  db.create_function('flyte_task', (prefix: string) => bulk.split(String(prefix)).task);
  db.create_function('flyte_version', (prefix: string) => bulk.split(String(prefix)).version);
  db.run(
    `CREATE TEMP TABLE import_splits AS SELECT prefix, flyte_task(prefix) AS task, flyte_version(prefix) AS version
     FROM (${bulk.prefixSql})`,
    bulk.params as never[],
  );
  db.run('CREATE UNIQUE INDEX temp.import_splits_prefix ON import_splits (prefix)');
  for (const r of queryRows(db, 'SELECT prefix, task, version FROM temp.import_splits')) {
    tasks.add(String(r['task']));
    if (sameEventTwice(String(r['prefix']), String(r['task']), String(r['version']))) clash = true;
  }
  const query = {
    sql: `SELECT b.ord AS ord, b.key AS key, s.task AS task, s.version AS version, b.hash AS hash, b.stored_at AS stored_at, b.size AS size,
            b.legacy AS legacy, NULL AS outputs_json, b.value AS value
          FROM (${bulk.sql}) b CROSS JOIN temp.import_splits s ON s.prefix = b.prefix
          UNION ALL ${js.sql}`,
    params: bulk.params,
    maxOrd: Math.max(bulk.maxOrd, maxJsOrd),
    rows: bulk.count + rows.entries.length,
  };
  return { query, tasks, clash };
}

export function dropStaged(db: Database): void {
  for (const table of ['import_js', 'import_splits']) db.run(`DROP TABLE IF EXISTS temp.${table}`);
}
