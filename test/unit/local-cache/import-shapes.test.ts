// The import copies rows of the usual shape with SQL and reads the others in JS; both must give
// what reading every row in JS (readFlytekitLocalCache) gives, for rows of every odd shape.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { readFlytekitLocalCache } from '../../../server/src/importers';
import { importLocalCache } from '../../../server/src/local-cache/import-local';
import { CacheStore, SqliteImage } from '../../../server/src/store';
import { fixtureTools, tempDir } from '../importers/fixture-tools';

const HEX = '0123456789abcdef'.repeat(2);
const T0 = 1714550400;

// key, raw, store_time, size, mode, filename, value
async function allRows(): Promise<unknown[][]> {
  const { encodeLiteralMap } = await fixtureTools();
  const value = (n: number) => encodeLiteralMap({ o0: { integer: n } });
  return [
    [`wf.a-1-${HEX}`, 1, T0, 0, 1, null, value(1)],
    [`wf.a-1-${HEX.replace('a', 'A')}`, 1, T0 + 1, 0, 1, null, value(2)], // uppercase hex: not a flytekit key
    [`wf.a-1-${HEX.slice(0, 31)}g`, 1, T0 + 2, 0, 1, null, value(3)],
    [`wf.nul\u0000x-1-${HEX}`, 1, T0 + 3, 0, 1, null, value(4)],
    [`wf.nul-1-${HEX.slice(0, 16)}\u0000${HEX.slice(17)}`, 1, T0 + 4, 0, 1, null, value(5)],
    [`-${HEX}`, 1, T0 + 5, 0, 1, null, value(6)],
    [HEX, 1, T0 + 6, 0, 1, null, value(7)],
    [new TextEncoder().encode(`wf.blob-1-${HEX}`), 1, T0 + 7, 0, 1, null, value(8)],
    [`wf.text-1-${HEX}`, 1, String(T0 + 8), 0, 1, null, value(9)], // store_time stored as text
    [`wf.int-1-${HEX}`, 1, T0 + 9, 0, 1, null, value(10)], // integer store_time
    [`wf.mode-1-${HEX}`, 1, T0 + 10, 0, '1', null, value(11)],
    [`wf.pickle-1-${HEX}`, 0, T0 + 11, 77, 4, null, new Uint8Array([0x80, 4])],
    [`wf.pickle-2-${HEX}`, 0, T0 + 12, 0, 4, null, new Uint8Array([0x80, 4, 5])],
    [`wf.pickle-3-${HEX}`, 0, T0 + 13, null, 4, null, null],
    [`wf.null-1-${HEX}`, 1, T0 + 14, 0, 1, null, null],
    [`wf.empty-1-${HEX}`, 1, T0 + 15, 0, 1, null, new Uint8Array(0)],
    [`wf.none-1-${HEX}`, 1, null, 0, 1, null, value(12)],
    [`wf.zero-1-${HEX}`, 1, 0, 0, 1, null, value(13)],
    [`wf.ünï-cödé-1-${HEX}`, 1, T0 + 16, 0, 1, null, value(14)],
    [`wf.mode9-1-${HEX}`, 1, T0 + 17, 0, 9, null, value(15)],
    // Endings holding what could pass for a separator and a row number in a string of all endings.
    [`wf.sep-1-${HEX.slice(0, 16)},1,${HEX.slice(19)}`, 1, T0 + 18, 0, 1, null, value(16)],
    [`wf.sep-2-${HEX.slice(0, 16)}\u00002\u0000${HEX.slice(19)}`, 1, T0 + 19, 0, 1, null, value(17)],
  ];
}

// Keys whose last 32 characters are not lowercase hex (the second variant leaves them out).
const badEnding = (key: unknown) => typeof key === 'string' && key.length >= 33 && !/^[0-9a-f]{32}$/.test(key.slice(-32));

const variants: [string, (rows: unknown[][]) => unknown[][]][] = [
  ['every odd shape (endings checked row by row)', (rows) => rows],
  ['every ending hex (checked in one string)', (rows) => rows.filter((r) => !badEnding(r[0]))],
  ['every ending hex but ones that look like separators', (rows) => rows.filter((r) => !badEnding(r[0]) || String(r[0]).startsWith('wf.sep-'))],
];

for (const [name, pick] of variants) {
  test(`rows of odd shapes import as reading them in JS does: ${name}`, async () => {
    await compare(pick(await allRows()));
  });
}

async function compare(rows: unknown[][]): Promise<void> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`CREATE TABLE Cache (rowid INTEGER PRIMARY KEY, key BLOB, raw INTEGER, store_time REAL, expire_time REAL, access_time REAL,
    access_count INTEGER DEFAULT 0, tag BLOB, size INTEGER DEFAULT 0, mode INTEGER DEFAULT 0, filename TEXT, value BLOB)`);
  for (const [key, raw, time, size, mode, filename, v] of rows) {
    db.run('INSERT INTO Cache (key, raw, store_time, size, mode, filename, value) VALUES (?, ?, ?, ?, ?, ?, ?)', [key, raw, time, size, mode, filename, v] as never[]);
  }
  // Typed as text on purpose: the column affinities would turn them back into numbers.
  db.run(`UPDATE Cache SET store_time = CAST(store_time AS TEXT) WHERE key = 'wf.text-1-${HEX}'`);
  const dir = path.join(tempDir('fc-shapes-'), 'local-cache');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'cache.db'), db.export());
  db.close();

  const read = await readFlytekitLocalCache(dir, { openImage: (bytes) => SqliteImage.open(bytes) });
  const { store } = await CacheStore.open(path.join(tempDir('fc-shapes-store-'), 'store.sqlite'));
  try {
    const imported = await importLocalCache(store, dir);
    const view = (e: { key: string; task: string; version: string; hash: string; storedAt: number; size: number; outputs: unknown; legacy: boolean }) => [e.key, e.task, e.version, e.hash, e.storedAt, e.size, e.outputs, e.legacy];
    const byKey = (a: unknown[], b: unknown[]) => (String(a[0]) < String(b[0]) ? -1 : String(a[0]) > String(b[0]) ? 1 : 0);
    assert.deepEqual(store.allEntries().map(view).sort(byKey), read.entries.map(view).sort(byKey));
    assert.deepEqual(imported.warnings, read.warnings);
    assert.equal(imported.imported, read.entries.length);
    assert.equal(imported.legacy, read.entries.filter((e) => e.legacy).length);
    assert.ok(read.entries.length >= 10, `${read.entries.length} entries`);
  } finally {
    store.close();
  }
}
