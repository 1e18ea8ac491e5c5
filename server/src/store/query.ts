import type { Database, SqlValue, Statement } from 'sql.js';

/** Runs one statement and returns its rows as objects (BLOBs as Uint8Array). */
export function queryRows(db: Database, sql: string, params: readonly unknown[] = []): Record<string, unknown>[] {
  const statement = db.prepare(sql);
  try {
    if (params.length > 0) statement.bind(params.map(toSqlValue));
    const rows: Record<string, unknown>[] = [];
    // Column names once, not per row (getAsObject re-reads them from SQLite for every row).
    let names: string[] | undefined;
    while (statement.step()) {
      names ??= statement.getColumnNames();
      const values = statement.get();
      const row: Record<string, unknown> = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = values[i];
      rows.push(row);
    }
    return rows;
  } finally {
    statement.free();
  }
}

function toSqlValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || value instanceof Uint8Array) return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`cannot bind a ${typeof value} as an SQL parameter`);
}

/** Runs `body` inside BEGIN/COMMIT, rolling back if it throws. */
export function inTransaction<T>(db: Database, body: () => T): T {
  db.run('BEGIN');
  try {
    const result = body();
    db.run('COMMIT');
    return result;
  } catch (error) {
    db.run('ROLLBACK');
    throw error;
  }
}

/** SQLite's default limit on parameters per statement. */
const MAX_PARAMETERS = 999;

/**
 * Inserts `rows` in order with `INSERT … VALUES (…), (…), …` statements of up to 999 values (one
 * bind and step per statement instead of per row: sql.js's per-call cost dominates). `head` is
 * the statement up to VALUES, e.g. `INSERT OR IGNORE INTO t (a, b)`. Returns the rows inserted.
 */
export function insertRows(db: Database, head: string, width: number, rows: readonly (readonly unknown[])[]): number {
  const placeholders = `(${Array.from({ length: width }, () => '?').join(', ')})`;
  const sqlFor = (n: number) => `${head} VALUES ${Array.from({ length: n }, () => placeholders).join(', ')}`;
  const ROWS_PER_STATEMENT = Math.floor(MAX_PARAMETERS / width);
  let full: Statement | undefined;
  let inserted = 0;
  try {
    for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
      const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
      const params: SqlValue[] = [];
      for (const row of chunk) {
        if (row.length !== width) throw new Error(`insertRows: a row has ${row.length} values, expected ${width}`);
        for (const value of row) params.push(toSqlValue(value));
      }
      if (chunk.length === ROWS_PER_STATEMENT) {
        full ??= db.prepare(sqlFor(ROWS_PER_STATEMENT));
        full.run(params);
      } else {
        db.run(sqlFor(chunk.length), params);
      }
      inserted += db.getRowsModified();
    }
  } finally {
    full?.free();
  }
  return inserted;
}

/**
 * Runs a bulk write with the listed indexes dropped and re-created afterwards (sorting once
 * instead of updating each index per row) when `rows` is large next to the table's current size.
 * Same schema and content afterwards. Call inside a transaction.
 */
export function withIndexesRebuilt<T>(db: Database, table: string, indexes: readonly string[], rows: number, body: () => T): T {
  const existing = Number(queryRows(db, `SELECT MAX(rowid) AS n FROM ${table}`)[0]?.['n'] ?? 0);
  if (rows < 5_000 || rows < existing) return body();
  const definitions = indexes.map((name) => {
    const sql = queryRows(db, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, [name])[0]?.['sql'];
    if (typeof sql !== 'string') throw new Error(`no index ${name} on ${table}`);
    return sql;
  });
  for (const name of indexes) db.run(`DROP INDEX ${name}`);
  const result = body();
  for (const sql of definitions) db.run(sql);
  return result;
}
