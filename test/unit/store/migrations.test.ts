import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { CacheStore, migrations, type Migration } from '../../../server/src/store';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-migrate-')), 'store.sqlite');
}

// A later release's schema, for the test only: it adds a column and a table.
const NEXT = migrations.length + 1;
const withNext: readonly Migration[] = [
  ...migrations,
  {
    version: NEXT,
    description: 'test: pinned entries',
    up: (db) => {
      db.run('ALTER TABLE entries ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0');
      db.run('CREATE TABLE notes (task TEXT PRIMARY KEY, note TEXT)');
    },
  },
];

async function readSchema(file: string): Promise<{ version: string; columns: string[]; tables: string[] }> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  try {
    const version = String(db.exec(`SELECT value FROM meta WHERE key = 'schema_version'`)[0]?.values[0]?.[0]);
    const columns = (db.exec(`PRAGMA table_info(entries)`)[0]?.values ?? []).map((row) => String(row[1]));
    const tables = (db.exec(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)[0]?.values ?? []).map((row) => String(row[0]));
    return { version, columns, tables };
  } finally {
    db.close();
  }
}

test('a new store is written at the newest shipped schema version', async () => {
  const file = tempFile();
  (await CacheStore.open(file)).store.close();
  const schema = await readSchema(file);
  assert.equal(schema.version, String(migrations.length));
  assert.deepEqual(schema.tables, ['entries', 'history', 'imports', 'meta', 'task_summary']);
  assert.deepEqual(schema.columns, ['source', 'key', 'task', 'version', 'hash', 'stored_at', 'size', 'outputs_json', 'legacy', 'event_seq', 'value']);
});

test('a v1 file is upgraded to the history schema, keeping its rows', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file, { migrations: migrations.slice(0, 1) });
  store.replaceSource('/src', [{ key: 'a.b-1-' + 'f'.repeat(32), task: 'a.b', version: '1', hash: 'f'.repeat(32), storedAt: 5, size: 3, outputs: { o0: 1 }, legacy: false }], []);
  await store.save();
  store.close();
  assert.equal((await readSchema(file)).version, '1');

  const upgraded = await CacheStore.open(file);
  assert.equal(upgraded.warning, undefined);
  assert.equal(upgraded.store.count(), 1);
  assert.equal(upgraded.store.addEvents([{ task: 'a.b', version: '1', hash: 'f'.repeat(32), status: 'hit', source: 'recorded', execution: null, time: 9, durationMs: 4 }]), 1);
  await upgraded.store.save();
  upgraded.store.close();
  const schema = await readSchema(file);
  assert.equal(schema.version, String(migrations.length));
  assert.ok(schema.tables.includes('history'));
});

test('a v2 file is upgraded to per-task summary rows equal to its entries and history', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file, { migrations: migrations.slice(0, 2) });
  const hash = 'f'.repeat(32);
  store.replaceSource('/src', [{ key: 'a.b-1-' + hash, task: 'a.b', version: '1', hash, storedAt: 5, size: 3, outputs: { o0: 1 }, legacy: false }], []);
  store.addEvents([
    { task: 'a.b', version: '1', hash, status: 'populated', source: 'recorded', execution: 'r1', time: 5, durationMs: 1000 },
    { task: 'a.b', version: '1', hash, status: 'hit', source: 'recorded', execution: 'r2', time: 9, durationMs: 4 },
    { task: 'only.history', version: '1', hash: null, status: 'miss', source: 'remote', execution: null, time: 7, durationMs: null },
  ]);
  const before = store.taskOverviews();
  await store.save();
  store.close();
  assert.equal((await readSchema(file)).version, '2');

  const upgraded = await CacheStore.open(file);
  assert.equal(upgraded.warning, undefined);
  assert.ok((await readSchema(file)).tables.includes('task_summary'));
  assert.deepEqual(upgraded.store.taskOverviews(), before);
  assert.deepEqual(upgraded.store.taskOverviews().map((o) => [o.summary.task, o.summary.entries, o.stats.hits, o.stats.misses, o.stats.timeSavedMs, o.events, o.lastEvent]), [
    ['a.b', 1, 1, 0, 1000, 2, 9],
    ['only.history', 0, 0, 1, 0, 1, 7],
  ]);
  upgraded.store.close();
});

test('a v3 file is upgraded to v4 keeping entries, outputs, derived events and summaries', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file, { migrations: migrations.slice(0, 3) });
  const entries = [1, 2, 3].map((n) => {
    const hash = String(n).repeat(32);
    return { key: `a.b-1-${hash}`, task: 'a.b', version: '1', hash, storedAt: 5 + n, size: n, outputs: n === 3 ? null : { o0: n }, legacy: n === 3 };
  });
  const populated = entries.map((e) => ({ task: e.task, version: e.version, hash: e.hash, status: 'populated' as const, source: 'local' as const, execution: null, time: e.storedAt, durationMs: null }));
  store.replaceSource('/src', entries, ['w'], 'fp', populated);
  store.addEvents([{ task: 'a.b', version: '1', hash: entries[0]!.hash, status: 'hit', source: 'recorded', execution: 'r', time: 7, durationMs: 3 }]);
  const before = { entries: store.allEntries(), history: store.history(), overviews: store.taskOverviews(), stats: store.stats() };
  await store.save();
  store.close();
  assert.equal((await readSchema(file)).version, '3');

  const upgraded = (await CacheStore.open(file)).store;
  assert.deepEqual({ entries: upgraded.allEntries(), history: upgraded.history(), overviews: upgraded.taskOverviews(), stats: upgraded.stats() }, before);
  assert.equal(upgraded.replaceSource('/src', entries, ['w'], 'fp2', populated), 0, 'the same entries again bring no new events');
  assert.deepEqual(upgraded.history(), before.history);
  upgraded.close();
  const SQL = await initSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  try {
    const indexes = (db.exec(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries' ORDER BY name`)[0]?.values ?? []).map((r) => String(r[0]));
    assert.deepEqual(indexes, ['entries_source_key', 'entries_task_version']);
    assert.throws(() => db.run(`INSERT INTO entries (source, key, task, version, hash, stored_at, size) VALUES ('/src', 'a.b-1-${'1'.repeat(32)}', 'a.b', '1', 'h', 1, 1)`), /UNIQUE constraint failed/);
  } finally {
    db.close();
  }
});

test('a file is upgraded in place to a later release, keeping its rows', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file);
  store.replaceSource('/src', [{ key: 'a.b-1-' + 'f'.repeat(32), task: 'a.b', version: '1', hash: 'f'.repeat(32), storedAt: 5, size: 3, outputs: { o0: 1 }, legacy: false }], []);
  await store.save();
  store.close();

  const upgraded = await CacheStore.open(file, { migrations: withNext });
  assert.equal(upgraded.warning, undefined);
  assert.equal(upgraded.store.count(), 1);
  assert.equal(upgraded.store.allEntries()[0]?.task, 'a.b');
  upgraded.store.close();

  const schema = await readSchema(file);
  assert.equal(schema.version, String(NEXT), 'the upgrade was saved to the file');
  assert.ok(schema.columns.includes('pinned'));
  assert.ok(schema.tables.includes('notes'));
});

test('a file from a newer release is moved aside, not misread', async () => {
  const file = tempFile();
  (await CacheStore.open(file, { migrations: withNext })).store.close();
  const newer = fs.readFileSync(file);
  const { store, warning } = await CacheStore.open(file);
  assert.match(warning ?? '', new RegExp(`schema version ${NEXT}, newer than this release knows \\(${migrations.length}\\)`));
  const backup = /moved to (\S+) and/.exec(warning ?? '')?.[1];
  assert.ok(backup && fs.existsSync(backup));
  assert.deepEqual(fs.readFileSync(backup), newer);
  assert.equal(store.count(), 0);
  store.close();
});

test('migration lists must be numbered 1..n in order', async () => {
  const broken: Migration[] = [{ ...withNext[NEXT - 1]!, version: 1 }];
  await assert.rejects(CacheStore.open(tempFile(), { migrations: [...migrations, ...broken] }), new RegExp(`expected ${NEXT}`));
});
