import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
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
