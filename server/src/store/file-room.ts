// sql.js keeps a database in an in-memory file that, whenever a write passes its end, grows by an
// eighth and is copied whole: writing 40 MB that way costs about 30 copies (about 0.15 s of a
// 100,000-entry import). A database opened from a longer image has the room from the start: SQLite reads its
// page count from the header and ignores the zero bytes after the last page, and export() copies
// only the pages.
import type { Database, SqlJsStatic } from 'sql.js';
import { queryRows } from './query';

/** The database's size in bytes (its pages). */
export function databaseBytes(db: Database): number {
  const count = Number(queryRows(db, 'PRAGMA page_count')[0]?.['page_count'] ?? 0);
  const size = Number(queryRows(db, 'PRAGMA page_size')[0]?.['page_size'] ?? 0);
  return count * size;
}

/**
 * The same database reopened with room for `extra` more bytes, or `db` itself when one growth step
 * would cover them anyway. Call outside any transaction; the old handle is closed.
 */
export function withRoom(SQL: SqlJsStatic, db: Database, extra: number): Database {
  const current = databaseBytes(db);
  if (extra < Math.max(current / 8, 1 << 20)) return db;
  const image = db.export();
  const roomy = new Uint8Array(current + Math.ceil(extra));
  roomy.set(image);
  const reopened = new SQL.Database(roomy);
  db.close();
  return reopened;
}
