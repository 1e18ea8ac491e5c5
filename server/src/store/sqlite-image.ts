import type { Database, SqlJsStatic } from 'sql.js';
import { loadSqlJs } from './sql-engine';
import { queryRows } from './query';

/**
 * A read-only, in-memory view of a database image (for importers: the bytes never go back to disk).
 * It lives in sql.js's in-memory file system, so the store can ATTACH it and copy rows with SQL.
 */
export class SqliteImage {
  private db: Database | undefined;

  private constructor(
    private readonly SQL: SqlJsStatic,
    private readonly bytes: Uint8Array,
  ) {}

  static async open(bytes: Uint8Array): Promise<SqliteImage> {
    const image = new SqliteImage(await loadSqlJs(), bytes);
    image.database();
    return image;
  }

  query(sql: string, params: unknown[] = []): Record<string, unknown>[] {
    return queryRows(this.database(), sql, params);
  }

  /** The image's path in sql.js's file system, for ATTACH; opens it again if it was closed (a store replaying an import). */
  attachPath(): string {
    return `/${(this.database() as Database & { filename: string }).filename}`;
  }

  /** Size of the image in bytes. */
  get byteLength(): number {
    return this.bytes.byteLength;
  }

  get isOpen(): boolean {
    return this.db !== undefined;
  }

  close(): void {
    this.db?.close();
    this.db = undefined;
  }

  private database(): Database {
    if (this.db) return this.db;
    const db = new this.SQL.Database(this.bytes);
    try {
      db.run('PRAGMA query_only = 1');
    } catch (error) {
      db.close();
      throw error;
    }
    this.db = db;
    return db;
  }
}
