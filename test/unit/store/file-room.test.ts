// A database reopened with room at the end of its in-memory file behaves and exports exactly as
// the same database without it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import initSqlJs, { type Database } from 'sql.js';
import { databaseBytes, withRoom } from '../../../server/src/store/file-room';

function fill(db: Database, from: number, rows: number): void {
  db.run('BEGIN');
  db.run(
    `WITH RECURSIVE n(i) AS (SELECT ? UNION ALL SELECT i + 1 FROM n WHERE i < ?)
     INSERT INTO t SELECT i, printf('%060d', i), zeroblob(100 + i % 50) FROM n`,
    [from, from + rows - 1],
  );
  db.run('COMMIT');
}

test('a database with room exports the same bytes as one without, through growth, indexes and a rollback', async () => {
  const SQL = await initSqlJs();
  const plain = new SQL.Database();
  plain.run('CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT, v BLOB)');
  const copy = new SQL.Database(plain.export());
  let roomy = withRoom(SQL, copy, 8 << 20);
  assert.notEqual(roomy, copy, 'reopened with room');
  for (const db of [plain, roomy]) {
    fill(db, 1, 20_000);
    db.run('CREATE UNIQUE INDEX t_k ON t (k)');
    db.run('BEGIN');
    db.run('DELETE FROM t WHERE id % 3 = 0');
    db.run('ROLLBACK');
    db.run('DELETE FROM t WHERE id % 7 = 0');
  }
  assert.deepEqual(roomy.export(), plain.export());
  // Room again on a database that holds rows already, then past the room's end.
  roomy = withRoom(SQL, roomy, 4 << 20);
  for (const db of [plain, roomy]) fill(db, 20_001, 60_000);
  const image = roomy.export();
  assert.deepEqual(image, plain.export());
  assert.equal(image.byteLength, databaseBytes(roomy));
  assert.deepEqual(roomy.exec('PRAGMA quick_check')[0]?.values, [['ok']]);
  const reopened = new SQL.Database(image);
  assert.deepEqual(reopened.exec('SELECT COUNT(*), SUM(length(v)) FROM t')[0]?.values, plain.exec('SELECT COUNT(*), SUM(length(v)) FROM t')[0]?.values);
  for (const db of [plain, roomy, reopened]) db.close();
});

test('no reopening when one growth step would cover the bytes', async () => {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE t (x)');
  assert.equal(withRoom(SQL, db, 1000), db);
  db.close();
});
