import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { importLocalCache } from '../../../server/src/local-cache/import-local';
import { CacheStore } from '../../../server/src/store';
import { fixtureTools, snapshotFolder, tempDir } from '../importers/fixture-tools';

const T0 = 1714550400;

async function openStore(): Promise<CacheStore> {
  return (await CacheStore.open(path.join(tempDir('fc-import-store-'), 'store.sqlite'))).store;
}

test('an import adds one populated event per entry at its store_time, and re-imports add none', async () => {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-import-'), 'local-cache');
  const k1 = cacheKey('wf.train', '1', { n: 1 });
  const k2 = cacheKey('wf.train', '1', { n: 2 });
  writeFlytekitCache(dir, [
    { key: k1, outputs: { o0: { integer: 1 } }, storeTime: T0 + 1 },
    { key: k2, outputs: { o0: { integer: 2 } }, storeTime: T0 + 2 },
  ]);
  const store = await openStore();
  try {
    const first = await importLocalCache(store, dir);
    assert.equal(first.newEvents, 2);
    assert.deepEqual(store.history().map((e) => [e.status, e.source, e.task, e.version, e.hash, e.time, e.execution]), [
      ['populated', 'local', 'wf.train', '1', k2.slice(-32), T0 + 2, null],
      ['populated', 'local', 'wf.train', '1', k1.slice(-32), T0 + 1, null],
    ]);
    const forced = await importLocalCache(store, dir, { force: true });
    assert.equal(forced.unchanged, false);
    assert.equal(forced.newEvents, 0, 'the same entries add no events again');
    assert.equal(store.history().length, 2);
  } finally {
    store.close();
  }
});

test('an unchanged folder is not read again; a new write (in the WAL) is', async () => {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-import-'), 'local-cache');
  writeFlytekitCache(dir, [{ key: cacheKey('wf.a', '1', {}), outputs: { o0: { integer: 1 } }, storeTime: T0 }]);
  const before = snapshotFolder(dir);
  const store = await openStore();
  try {
    const progress: [number, number][] = [];
    const first = await importLocalCache(store, dir, { onProgress: (done, total) => progress.push([done, total]) });
    assert.equal(first.unchanged, false);
    assert.deepEqual(progress, [[1, 1]]);
    await store.save();

    progress.length = 0;
    const second = await importLocalCache(store, dir, { onProgress: (done, total) => progress.push([done, total]) });
    assert.deepEqual({ unchanged: second.unchanged, imported: second.imported, source: second.source }, { unchanged: true, imported: 1, source: dir });
    assert.deepEqual(progress, [], 'nothing was read');
    assert.deepEqual(snapshotFolder(dir), before, 'importing never touches the folder');

    // A second flytekit run leaves its row only in cache.db-wal.
    writeFlytekitCache(dir, [{ key: cacheKey('wf.b', '1', {}), outputs: { o0: { integer: 2 } }, storeTime: T0 + 5 }], { walOnlyFrom: 0 });
    const third = await importLocalCache(store, dir);
    assert.equal(third.unchanged, false);
    assert.equal(third.imported, 2);
    assert.deepEqual(store.tasks().map((t) => t.task), ['wf.a', 'wf.b']);

    // The fingerprint lives in the store file: a new process skips too.
    await store.save();
    const reopened = (await CacheStore.open(store.file)).store;
    try {
      assert.equal((await importLocalCache(reopened, dir)).unchanged, true);
    } finally {
      reopened.close();
    }
  } finally {
    store.close();
  }
});

/** rowid and event_seq of each entry of the saved store, by key. */
async function entryRows(file: string): Promise<Map<string, [number, number | null]>> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(fs.readFileSync(file));
  try {
    const rows = db.exec('SELECT key, rowid, event_seq FROM entries')[0]?.values ?? [];
    return new Map(rows.map((r) => [String(r[0]), [Number(r[1]), r[2] === null ? null : Number(r[2])]]));
  } finally {
    db.close();
  }
}

test('a re-import after cache.db changed rewrites only the changed rows; the others keep their row and event id', async () => {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-import-'), 'local-cache');
  const keys = [1, 2, 3, 4].map((n) => cacheKey('wf.train', '1', { n }));
  // Ties in time on purpose: their order comes from the event ids.
  writeFlytekitCache(dir, keys.slice(0, 3).map((key, i) => ({ key, outputs: { o0: { integer: i } }, storeTime: T0 + (i === 2 ? 1 : i) })));
  const store = await openStore();
  try {
    assert.equal((await importLocalCache(store, dir)).newEvents, 3);
    await store.save();
    const before = await entryRows(store.file);
    const historyBefore = store.history();

    // The second key is written again (new value, new time), a fourth one is added.
    writeFlytekitCache(dir, [
      { key: keys[1]!, outputs: { o0: { integer: 20 } }, storeTime: T0 + 5 },
      { key: keys[3]!, outputs: { o0: { integer: 3 } }, storeTime: T0 + 1 },
    ]);
    const again = await importLocalCache(store, dir);
    assert.equal(again.unchanged, false);
    assert.equal(again.imported, 4);
    assert.equal(again.newEvents, 2, 'the rewritten entry\'s new event and the new entry\'s');
    await store.save();
    const after = await entryRows(store.file);

    for (const key of [keys[0]!, keys[2]!]) assert.deepEqual(after.get(key), before.get(key), `${key} kept its row and event id`);
    assert.notEqual(after.get(keys[1]!)?.[0], before.get(keys[1]!)?.[0], 'the changed row was rewritten');
    const seqOf = (key: string) => after.get(key)?.[1] ?? -1;
    assert.ok(seqOf(keys[3]!) > seqOf(keys[2]!), 'a new entry\'s event id comes after the kept ones');

    const view = (e: { hash: string | null; time: number }) => [e.hash, e.time];
    const hash = (i: number) => keys[i]!.slice(-32);
    assert.deepEqual(store.history().map(view), [
      [hash(1), T0 + 5],
      [hash(3), T0 + 1],
      [hash(2), T0 + 1],
      [hash(1), T0 + 1],
      [hash(0), T0],
    ]);
    // Everything that was there before is still there, in the same order.
    assert.deepEqual(store.history().filter((e) => historyBefore.some((b) => b.hash === e.hash && b.time === e.time)).map(view), historyBefore.map(view));
    assert.deepEqual(store.entries('wf.train', '1', 0, 10).map((e) => e.outputs), [{ o0: 20 }, { o0: 3 }, { o0: 2 }, { o0: 0 }]);
  } finally {
    store.close();
  }
});

test('a value that is not a LiteralMap is imported with a warning and listed without outputs', async () => {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-import-'), 'local-cache');
  const bad = cacheKey('wf.bad', '1', {});
  writeFlytekitCache(dir, [
    { key: cacheKey('wf.good', '1', {}), outputs: { o0: { boolean: true } }, storeTime: T0 },
    { key: bad, bytes: Buffer.from('definitely not protobuf'), storeTime: T0 + 1 },
    { key: 'not-a-flytekit-key', outputs: {}, storeTime: T0 + 2 },
  ]);
  const store = await openStore();
  try {
    const result = await importLocalCache(store, dir);
    // Bytes that cannot start a LiteralMap are told at import; the others are decoded when shown.
    assert.equal(result.imported, 2);
    assert.equal(result.warnings.length, 2, JSON.stringify(result.warnings));
    assert.ok(result.warnings[0]!.includes(bad), result.warnings[0]);
    assert.match(result.warnings[0]!, /not a flyteidl LiteralMap .*; outputs not shown$/);
    assert.match(result.warnings[1] ?? '', /not-a-flytekit-key.*not a flytekit cache key/);
    assert.deepEqual(store.allEntries().map((e) => [e.task, e.outputs, e.legacy]), [['wf.bad', null, false], ['wf.good', { o0: true }, false]]);
  } finally {
    store.close();
  }
});

test('an import replayed onto another process\'s save (the cache image opened again) keeps both', async () => {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-import-'), 'local-cache');
  writeFlytekitCache(dir, [1, 2, 3].map((n) => ({ key: cacheKey('wf.replay', '1', { n }), outputs: { o0: { integer: n } }, storeTime: T0 + n })));
  const mine = await openStore();
  const other = (await CacheStore.open(mine.file)).store;
  try {
    const result = await importLocalCache(mine, dir);
    assert.equal(result.imported, 3);
    other.addEvents([{ task: 'wf.other', version: '1', hash: null, status: 'miss', source: 'recorded', execution: 'r', time: T0, durationMs: null }]);
    await other.save();
    await mine.save();
    const reopened = (await CacheStore.open(mine.file)).store;
    try {
      assert.deepEqual(reopened.allEntries().map((e) => [e.task, e.outputs]), [1, 2, 3].map((n) => ['wf.replay', { o0: n }]));
      assert.deepEqual(reopened.history().map((e) => [e.task, e.status]), [['wf.replay', 'populated'], ['wf.replay', 'populated'], ['wf.replay', 'populated'], ['wf.other', 'miss']]);
    } finally {
      reopened.close();
    }
  } finally {
    mine.close();
    other.close();
  }
});
