import type { Database, SqlValue } from 'sql.js';

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
