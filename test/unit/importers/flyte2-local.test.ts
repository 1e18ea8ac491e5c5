import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { readFlytekitLocalCache } from '../../../server/src/importers';
import { FLYTE2_TASK } from '../../../server/src/importers/flyte2-local';
import { SqliteImage } from '../../../server/src/store';
import { fixtureTools, snapshotFolder, tempDir } from './fixture-tools';

const T0 = 1714550400;
const openImage = (bytes: Uint8Array) => SqliteImage.open(bytes);

test('Flyte 2 task_cache rows (one only in the WAL) are listed under the unnamed task with their outputs', async () => {
  const { flyte2Key, writeFlyte2Cache } = await fixtureTools();
  const dir = path.join(tempDir('fc-flyte2-'), 'local-cache');
  const k1 = flyte2Key('env.train 1 {"n":1}');
  const k2 = flyte2Key('env.train 1 {"n":2}');
  writeFlyte2Cache(dir, {
    wal: true,
    taskCache: [
      { key: k1, outputs: { o0: { integer: 3 } } },
      { key: k2, outputs: { o0: { string: 'done' }, o1: { float: 0.5 } } },
    ],
    walOnlyFrom: 1,
  });
  const before = snapshotFolder(dir);
  assert.ok(before.has('cache.db-wal'), 'the second row sits in the WAL');

  const result = await readFlytekitLocalCache(dir, { openImage });

  assert.deepEqual(result.warnings, []);
  assert.deepEqual(
    result.entries.map((e) => [e.task, e.version, e.hash, e.key, e.outputs, e.storedAt]).sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
    [
      [FLYTE2_TASK, 'unknown', k1, k1, { o0: 3 }, 0],
      [FLYTE2_TASK, 'unknown', k2, k2, { o0: 'done', o1: 0.5 }, 0],
    ].sort((a, b) => String(a[2]).localeCompare(String(b[2]))),
  );
  assert.deepEqual(snapshotFolder(dir), before, 'read-only');
});

test('Flyte 2 runs of cached actions become history; uncached actions do not', async () => {
  const { writeFlyte2Cache } = await fixtureTools();
  const dir = path.join(tempDir('fc-flyte2-'), 'local-cache');
  writeFlyte2Cache(dir, {
    runs: [
      { run_name: 'r1', action_name: 'a0', task_name: 'env.main', status: 'succeeded', start_time: T0, end_time: T0 + 90, cache_enabled: 0, cache_hit: 0 },
      { run_name: 'r1', action_name: 'a1', task_name: 'env.train', status: 'succeeded', start_time: T0 + 1, end_time: T0 + 61, cache_enabled: 1, cache_hit: 0 },
      { run_name: 'r2', action_name: 'a1', task_name: 'env.train', status: 'succeeded', start_time: T0 + 100, end_time: T0 + 100.5, cache_enabled: 1, cache_hit: 1 },
      { run_name: 'r3', action_name: 'a1', task_name: 'env.train', status: 'failed', start_time: T0 + 200, end_time: T0 + 201, cache_enabled: 1, cache_hit: 0 },
    ],
  });
  const result = await readFlytekitLocalCache(dir, { openImage });
  assert.deepEqual(result.entries, []);
  assert.deepEqual(
    result.events.map((e) => [e.status, e.task, e.execution, e.time, e.durationMs, e.source, e.hash]),
    [
      ['miss', 'env.train', 'r1/a1', T0 + 1, null, 'local', null],
      ['populated', 'env.train', 'r1/a1', T0 + 61, 60_000, 'local', null],
      ['hit', 'env.train', 'r2/a1', T0 + 100, 500, 'local', null],
      ['miss', 'env.train', 'r3/a1', T0 + 200, null, 'local', null],
    ],
  );
});

test('a folder shared by flytekit (diskcache) and flyte-sdk yields both kinds of entries', async () => {
  const { cacheKey, flyte2Key, writeFlytekitCache, writeFlyte2Cache } = await fixtureTools();
  const dir = path.join(tempDir('fc-flyte2-'), 'local-cache');
  const legacyKey = cacheKey('wf.train', '1', {});
  writeFlytekitCache(dir, [{ key: legacyKey, outputs: { o0: { integer: 1 } }, storeTime: T0 }]);
  const k = flyte2Key('env.train');
  writeFlyte2Cache(dir, { taskCache: [{ key: k, outputs: { o0: { boolean: true } } }] });
  const result = await readFlytekitLocalCache(dir, { openImage });
  assert.deepEqual(result.entries.map((e) => [e.task, e.key, e.outputs]), [
    ['wf.train', legacyKey, { o0: 1 }],
    [FLYTE2_TASK, k, { o0: true }],
  ]);
});
