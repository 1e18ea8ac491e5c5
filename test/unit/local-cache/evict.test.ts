import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { readFlytekitLocalCache } from '../../../server/src/importers';
import { deleteWithDiskcache, EvictionError } from '../../../server/src/local-cache/diskcache-delete';
import { executeEviction, planEviction } from '../../../server/src/local-cache/evict';
import { importLocalCache } from '../../../server/src/local-cache/import-local';
import { CacheStore, SqliteImage } from '../../../server/src/store';
import { fixtureTools, snapshotFolder, tempDir } from '../importers/fixture-tools';

const PYTHON = '/usr/bin/python3';
const T0 = 1714550400;
const openImage = (bytes: Uint8Array) => SqliteImage.open(bytes);

/** Four genuine entries: two of wf.train 1.0 (one a .val file, one only in the WAL), wf.train 2 and wf.other 1. */
async function genuineCache(): Promise<{ dir: string; keys: Record<string, string> }> {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-evict-'), 'local-cache');
  const keys = {
    big: cacheKey('wf.train', '1.0', { n: 1 }),
    walOnly: cacheKey('wf.train', '1.0', { n: 2 }),
    v2: cacheKey('wf.train', '2', { n: 1 }),
    other: cacheKey('wf.other', '1', {}),
  };
  writeFlytekitCache(dir, [
    { key: keys.big, outputs: { o0: { string: 'x'.repeat(40_000) } }, storeTime: T0 + 1 },
    { key: keys.v2, outputs: { o0: { integer: 2 } }, storeTime: T0 + 2 },
    { key: keys.other, outputs: { o0: { integer: 3 } }, storeTime: T0 + 3 },
    { key: keys.walOnly, outputs: { o0: { integer: 4 } }, storeTime: T0 + 4 },
  ], { walOnlyFrom: 3 });
  return { dir, keys };
}

/** A Python that really lacks diskcache: Debian's, isolated from site-packages. */
function pythonWithoutDiskcache(): string {
  const file = path.join(tempDir('fc-python-'), 'python-no-diskcache');
  fs.writeFileSync(file, `#!/bin/sh\nexec ${PYTHON} -I -S "$@"\n`, { mode: 0o755 });
  return file;
}

async function freshKeys(dir: string): Promise<string[]> {
  return (await readFlytekitLocalCache(dir, { openImage })).entries.map((e) => e.key).sort();
}

test('evicting a version deletes exactly its keys (also a WAL-only row and a .val file) with diskcache', async () => {
  const { dir, keys } = await genuineCache();
  const valFiles = () => [...snapshotFolder(dir).keys()].filter((f) => f.endsWith('.val'));
  assert.equal(valFiles().length, 1);
  const store = (await CacheStore.open(path.join(tempDir('fc-evict-store-'), 'store.sqlite'))).store;
  try {
    await importLocalCache(store, dir);
    const plan = await planEviction(dir, { task: 'wf.train', version: '1.0' });
    assert.deepEqual(plan.entries.map((e) => e.key).sort(), [keys.big, keys.walOnly].sort());

    const outcome = await executeEviction(plan, PYTHON, store, { now: () => new Date((T0 + 100) * 1000) });

    assert.deepEqual(outcome.removed.map((e) => e.key).sort(), [keys.big, keys.walOnly].sort());
    assert.deepEqual(outcome.missing, []);
    assert.deepEqual(await freshKeys(dir), [keys.v2, keys.other].sort(), 'a fresh read of cache.db no longer has them');
    assert.deepEqual(valFiles(), [], "diskcache removed the big value's file");
    const evicted = store.history().filter((e) => e.status === 'evicted');
    assert.deepEqual(evicted.map((e) => [e.task, e.version, e.source, e.time]), [
      ['wf.train', '1.0', 'local', T0 + 100],
      ['wf.train', '1.0', 'local', T0 + 100],
    ]);
    assert.equal(outcome.reimport?.unchanged, false, 'the store re-imported the changed folder');
    assert.deepEqual(store.allEntries().map((e) => e.key).sort(), [keys.v2, keys.other].sort());
  } finally {
    store.close();
  }
});

test('evicting one key leaves every other key, and a key already gone is reported as missing', async () => {
  const { dir, keys } = await genuineCache();
  const plan = await planEviction(dir, { key: keys.other });
  assert.equal(plan.entries.length, 1);
  const first = await executeEviction(plan, PYTHON, undefined);
  assert.deepEqual(first.removed.map((e) => e.key), [keys.other]);
  assert.deepEqual(await freshKeys(dir), [keys.big, keys.walOnly, keys.v2].sort());
  const again = await executeEviction(plan, PYTHON, undefined);
  assert.deepEqual(again, { removed: [], missing: [keys.other] });
});

test('a Python without diskcache gives the install hint and changes nothing', async () => {
  const { dir, keys } = await genuineCache();
  const before = snapshotFolder(dir);
  const python = pythonWithoutDiskcache();
  await assert.rejects(deleteWithDiskcache(python, dir, [keys.other]), (error: unknown) => {
    assert.ok(error instanceof EvictionError);
    assert.match(error.message, new RegExp(`^diskcache is not installed for ${python.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${PYTHON}\\): pip install diskcache`));
    return true;
  });
  assert.deepEqual(snapshotFolder(dir), before);
});

test('a missing interpreter and a folder without cache.db are clear errors; no cache is created', async () => {
  const { dir, keys } = await genuineCache();
  await assert.rejects(deleteWithDiskcache(path.join(dir, 'no-such-python'), dir, [keys.other]), /Python interpreter not found: .*no-such-python/);
  const empty = tempDir('fc-evict-empty-');
  await assert.rejects(deleteWithDiskcache(PYTHON, empty, [keys.other]), /No cache\.db in .*: nothing to evict/);
  assert.deepEqual(fs.readdirSync(empty), [], 'diskcache did not create a cache in the wrong folder');
});

test('a Flyte 2 entry is deleted with sqlite3 (no diskcache needed); the flytekit rows stay', async () => {
  const { cacheKey, flyte2Key, writeFlytekitCache, writeFlyte2Cache } = await fixtureTools();
  const dir = path.join(tempDir('fc-evict-'), 'local-cache');
  const legacyKey = cacheKey('wf.train', '1', {});
  writeFlytekitCache(dir, [{ key: legacyKey, outputs: { o0: { integer: 1 } }, storeTime: T0 }]);
  const k1 = flyte2Key('a');
  const k2 = flyte2Key('b');
  writeFlyte2Cache(dir, { taskCache: [{ key: k1, outputs: { o0: { integer: 1 } } }, { key: k2, outputs: { o0: { integer: 2 } } }], walOnlyFrom: 1 });

  const plan = await planEviction(dir, { key: k2 });
  assert.equal(plan.entries.length, 1);
  const outcome = await executeEviction(plan, pythonWithoutDiskcache(), undefined);
  assert.deepEqual(outcome.removed.map((e) => e.key), [k2]);
  assert.deepEqual(await freshKeys(dir), [legacyKey, k1].sort());
});
