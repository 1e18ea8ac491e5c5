import { test } from 'node:test';
import assert from 'node:assert/strict';
import initSqlJs from 'sql.js';
import { SqliteImage } from '../../../server/src/store';

async function image(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, data BLOB, score REAL)');
  db.run('INSERT INTO t VALUES (1, ?, ?, 0.5), (2, ?, NULL, NULL)', ['a', new Uint8Array([1, 2, 3]), 'b']);
  const bytes = db.export();
  db.close();
  return bytes;
}

test('queries rows as objects with bound parameters', async () => {
  const view = await SqliteImage.open(await image());
  assert.deepEqual(view.query('SELECT * FROM t WHERE id = ?', [1]), [{ id: 1, name: 'a', data: new Uint8Array([1, 2, 3]), score: 0.5 }]);
  assert.deepEqual(view.query('SELECT name FROM t ORDER BY id'), [{ name: 'a' }, { name: 'b' }]);
  view.close();
});

test('is read-only', async () => {
  const view = await SqliteImage.open(await image());
  assert.throws(() => view.query("INSERT INTO t (name) VALUES ('c')"), /readonly|query_only|attempt to write/i);
  assert.equal(view.query('SELECT COUNT(*) AS n FROM t')[0]?.['n'], 2);
  view.close();
});
