import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteImage } from '../../../server/src/store';
import { applyWal, readFlytekitLocalCache, LocalCacheError } from '../../../server/src/importers';
import { fixtureTools, snapshotFolder, tempDir, type FixtureEntry } from './fixture-tools';

const openImage = (bytes: Uint8Array) => SqliteImage.open(bytes);
const T0 = 1714550400; // 2024-05-01T08:00:00Z

async function cacheWith(entries: FixtureEntry[], options: { walOnlyFrom?: number } = {}): Promise<string> {
  const dir = path.join(tempDir('fc-local-cache-'), 'local-cache');
  (await fixtureTools()).writeFlytekitCache(dir, entries, options);
  return dir;
}

/** Rows visible in cache.db alone, the way a reader that ignores the WAL sees it. */
async function rowsInMainFileOnly(dir: string): Promise<number> {
  const image = await SqliteImage.open(applyWal(fs.readFileSync(path.join(dir, 'cache.db')), undefined).image);
  try {
    return Number(image.query('SELECT COUNT(*) AS n FROM Cache')[0]?.['n']);
  } finally {
    image.close();
  }
}

test('inline values, a .val file value and a legacy pickle entry, read without touching the folder', async () => {
  const { cacheKey } = await fixtureTools();
  const big = 'x'.repeat(40_000);
  const dir = await cacheWith([
    { key: cacheKey('workflows.training.train_model', '1.0', { epochs: 3 }), outputs: { o0: { float: 0.91 }, o1: { blob: { uri: 's3://b/model.pt' } } }, storeTime: T0 + 10 },
    { key: cacheKey('workflows.etl.extract', 'v1-2024-05', { day: 1 }), outputs: { o0: { integer: 1200 } }, storeTime: T0 + 20 },
    { key: cacheKey('workflows.etl.report', '2', {}), outputs: { o0: { string: big } }, storeTime: T0 + 30 },
    { key: cacheKey('workflows.etl.notify', '1', {}), outputs: {}, storeTime: T0 + 40 },
    { key: cacheKey('workflows.training.old_task', '0.9', {}), pickle: { literals: { o0: 5 } }, storeTime: T0 + 50 },
  ]);
  const valFiles = [...snapshotFolder(dir).keys()].filter((f) => f.endsWith('.val'));
  assert.equal(valFiles.length, 1, 'the 40 kB value went to a .val file');
  const before = snapshotFolder(dir);

  const result = await readFlytekitLocalCache(dir, { openImage });

  assert.equal(result.source, dir);
  assert.deepEqual(result.warnings, []);
  assert.deepEqual(
    result.entries.map((e) => [e.task, e.version, e.storedAt, e.legacy]),
    [
      ['workflows.training.train_model', '1.0', T0 + 10, false],
      ['workflows.etl.extract', 'v1-2024-05', T0 + 20, false],
      ['workflows.etl.report', '2', T0 + 30, false],
      ['workflows.etl.notify', '1', T0 + 40, false],
      ['workflows.training.old_task', '0.9', T0 + 50, true],
    ],
  );
  const [train, extract, report, notify, old] = result.entries;
  assert.deepEqual(train?.outputs, { o0: 0.91, o1: 's3://b/model.pt' });
  assert.deepEqual(extract?.outputs, { o0: 1200 });
  assert.deepEqual(report?.outputs, { o0: big });
  assert.ok((report?.size ?? 0) >= 32768);
  assert.deepEqual(notify?.outputs, {});
  assert.equal(notify?.size, 0);
  assert.equal(old?.outputs, null);
  assert.ok((old?.size ?? 0) > 0);
  assert.match(train?.hash ?? '', /^[0-9a-f]{32}$/);

  assert.deepEqual(snapshotFolder(dir), before, 'same files, same bytes');
});

test('rows that sit only in cache.db-wal are read, and the folder is left byte-identical', async () => {
  const { cacheKey } = await fixtureTools();
  const entries: FixtureEntry[] = Array.from({ length: 19 }, (_, i) => ({
    key: cacheKey(`workflows.wal.step_${i % 4}`, '1', { i }),
    outputs: { o0: { integer: i } },
    storeTime: T0 + i,
  }));
  const dir = await cacheWith(entries, { walOnlyFrom: 12 });
  assert.ok(fs.statSync(path.join(dir, 'cache.db-wal')).size > 0, 'the WAL holds data');
  const before = snapshotFolder(dir);

  assert.equal(await rowsInMainFileOnly(dir), 12);
  const result = await readFlytekitLocalCache(path.join(dir, 'cache.db'), { openImage });
  assert.equal(result.source, dir, 'a cache.db path is accepted too');
  assert.equal(result.entries.length, 19);
  assert.deepEqual(result.entries.map((e) => e.outputs?.['o0']), entries.map((_, i) => i));
  assert.deepEqual(result.warnings, []);

  assert.deepEqual(snapshotFolder(dir), before, 'no -shm/-wal created, nothing written');
});

test('a WAL cut mid-frame yields the transactions committed before the cut', async () => {
  const { cacheKey } = await fixtureTools();
  const entries: FixtureEntry[] = Array.from({ length: 10 }, (_, i) => ({ key: cacheKey('wf.cut', '1', { i }), outputs: { o0: { integer: i } } }));
  const dir = await cacheWith(entries, { walOnlyFrom: 4 });
  const wal = fs.readFileSync(path.join(dir, 'cache.db-wal'));
  const copy = path.join(tempDir('fc-cut-'), 'local-cache');
  fs.mkdirSync(copy);
  fs.copyFileSync(path.join(dir, 'cache.db'), path.join(copy, 'cache.db'));
  fs.writeFileSync(path.join(copy, 'cache.db-wal'), wal.subarray(0, Math.floor(wal.length * 0.6)));

  const result = await readFlytekitLocalCache(copy, { openImage });
  const seen = result.entries.map((e) => e.outputs?.['o0']);
  assert.ok(seen.length > 4 && seen.length < 10, `between main-only and all: ${seen.length}`);
  assert.deepEqual(seen, entries.slice(0, seen.length).map((_, i) => i), 'a prefix of the writes, in order');
});

// Was skipped; now kept without outputs, as an import keeps it (it decodes LiteralMaps only when shown).
test('a value that is not a LiteralMap is kept without outputs, with a warning naming its key', async () => {
  const { cacheKey } = await fixtureTools();
  const bad = cacheKey('wf.bad', '1', {});
  const dir = await cacheWith([
    { key: cacheKey('wf.good', '1', {}), outputs: { o0: { boolean: true } } },
    { key: bad, bytes: Buffer.from('definitely not protobuf') },
    { key: 'not-a-flytekit-key', outputs: {} },
  ]);
  const result = await readFlytekitLocalCache(dir, { openImage });
  assert.deepEqual(result.entries.map((e) => [e.task, e.outputs, e.legacy]), [['wf.good', { o0: true }, false], ['wf.bad', null, false]]);
  assert.equal(result.warnings.length, 2);
  assert.ok(result.warnings[0]?.includes(bad), result.warnings[0]);
  assert.match(result.warnings[0] ?? '', /not a flyteidl LiteralMap .*; outputs not shown$/);
  assert.match(result.warnings[1] ?? '', /not-a-flytekit-key.*not a flytekit cache key/);
});

test('a missing .val file keeps the entry without outputs and warns', async () => {
  const { cacheKey } = await fixtureTools();
  const key = cacheKey('wf.big', '1', {});
  const dir = await cacheWith([{ key, outputs: { o0: { string: 'y'.repeat(33_000) } } }]);
  const copy = path.join(tempDir('fc-noval-'), 'local-cache');
  fs.mkdirSync(copy);
  fs.copyFileSync(path.join(dir, 'cache.db'), path.join(copy, 'cache.db'));
  const result = await readFlytekitLocalCache(copy, { openImage });
  assert.equal(result.entries.length, 1);
  assert.equal(result.entries[0]?.outputs, null);
  assert.ok((result.entries[0]?.size ?? 0) > 33_000);
  assert.match(result.warnings[0] ?? '', new RegExp(`${key}.*value file .*\\.val is missing`));
});

test('known task names from the workspace steer the key split', async () => {
  const { cacheKey } = await fixtureTools();
  const dir = await cacheWith([{ key: cacheKey('nb_task', 'v1.beta-2', {}), outputs: {} }]);
  const plain = await readFlytekitLocalCache(dir, { openImage });
  assert.equal(plain.entries[0]?.task, 'nb_task-v1.beta');
  const known = await readFlytekitLocalCache(dir, { openImage, knownTasks: new Set(['nb_task']) });
  assert.deepEqual([known.entries[0]?.task, known.entries[0]?.version], ['nb_task', 'v1.beta-2']);
});

test('a truncated cache.db gives a clear error, not a crash', async () => {
  const { cacheKey } = await fixtureTools();
  const entries: FixtureEntry[] = Array.from({ length: 200 }, (_, i) => ({ key: cacheKey('wf.many', '1', { i }), outputs: { o0: { string: `row ${i} `.repeat(20) } } }));
  const dir = await cacheWith(entries);
  const db = fs.readFileSync(path.join(dir, 'cache.db'));
  const copy = tempDir('fc-truncated-');
  fs.writeFileSync(path.join(copy, 'cache.db'), db.subarray(0, Math.floor(db.length / 3)));
  await assert.rejects(readFlytekitLocalCache(copy, { openImage }), (error: unknown) => {
    assert.ok(error instanceof LocalCacheError);
    assert.match(error.message, /^cache\.db is not a readable SQLite database: /);
    return true;
  });
});

test('random bytes in cache.db give a clear error', async () => {
  const dir = tempDir('fc-random-');
  const random = Buffer.alloc(8192);
  for (let i = 0; i < random.length; i++) random[i] = (i * 2654435761) >>> 24;
  fs.writeFileSync(path.join(dir, 'cache.db'), random);
  await assert.rejects(readFlytekitLocalCache(dir, { openImage }), (error: unknown) => {
    assert.ok(error instanceof LocalCacheError);
    assert.match(error.message, /^cache\.db is not a readable SQLite database: file is not a database/);
    return true;
  });
});

test('a folder without cache.db and a missing folder give clear errors', async () => {
  const dir = tempDir('fc-empty-');
  await assert.rejects(readFlytekitLocalCache(dir, { openImage }), /No cache\.db in /);
  await assert.rejects(readFlytekitLocalCache(path.join(dir, 'nope'), { openImage }), /does not exist/);
  assert.deepEqual(fs.readdirSync(dir), [], 'nothing was created');
});
