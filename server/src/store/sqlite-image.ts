import type { Database } from 'sql.js';
import { loadSqlJs } from './sql-engine';
import { queryRows } from './query';

/** A read-only, in-memory view of a database image (for importers: the bytes never go back to disk). */
export class SqliteImage {
  private constructor(private readonly db: Database) {}

  static async open(bytes: Uint8Array): Promise<SqliteImage> {
    const SQL = await loadSqlJs();
    const db = new SQL.Database(bytes);
    try {
      db.run('PRAGMA query_only = 1');
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteImage(db);
  }

  query(sql: string, params: unknown[] = []): Record<string, unknown>[] {
    return queryRows(this.db, sql, params);
  }

  close(): void {
    this.db.close();
  }
}
