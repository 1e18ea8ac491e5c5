import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheStore, type CacheEntryRecord } from '../../../server/src/store';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fc-store-'));
}

function entry(task: string, version: string, n: number, storedAt: number, extra: Partial<CacheEntryRecord> = {}): CacheEntryRecord {
  const hash = n.toString(16).padStart(32, '0');
  return { key: `${task}-${version}-${hash}`, task, version, hash, storedAt, size: 10 * n, outputs: { o0: n }, legacy: false, ...extra };
}

test('open creates the folders and an empty store file', async () => {
  const file = path.join(tempDir(), 'nested', 'deeper', 'store.sqlite');
  const { store, warning } = await CacheStore.open(file);
  assert.equal(warning, undefined);
  assert.equal(store.file, file);
  assert.equal(store.count(), 0);
  assert.deepEqual(store.tasks(), []);
  assert.ok(fs.statSync(file).size > 0);
  store.close();
});

test('entries survive save and reopen, with outputs and legacy flags intact', async () => {
  const file = path.join(tempDir(), 'store.sqlite');
  const { store } = await CacheStore.open(file);
  const rows = [
    entry('wf.train', '1.0', 1, 100.5, { outputs: { model: 's3://bucket/model.pt', metrics: { acc: 0.93, tags: ['a', null] } } }),
    entry('wf.train', '1.0', 2, 200.25),
    entry('wf.train', '2.0', 3, 300),
    entry('wf.clean', 'v1', 4, 50, { outputs: null, legacy: true }),
  ];
  store.replaceSource('/cache/a', rows, ['one warning']);
  await store.save();
  store.close();

  const { store: again, warning } = await CacheStore.open(file);
  assert.equal(warning, undefined);
  assert.equal(again.count(), 4);
  assert.deepEqual(again.tasks(), [
    { task: 'wf.clean', versions: 1, entries: 1, size: 40, lastStored: 50 },
    { task: 'wf.train', versions: 2, entries: 3, size: 60, lastStored: 300 },
  ]);
  assert.deepEqual(again.versions('wf.train'), [
    { task: 'wf.train', version: '2.0', entries: 1, size: 30, lastStored: 300 },
    { task: 'wf.train', version: '1.0', entries: 2, size: 30, lastStored: 200.25 },
  ]);
  const [newest, oldest] = again.entries('wf.train', '1.0', 0, 10);
  assert.deepEqual(newest, rows[1]);
  assert.deepEqual(oldest, rows[0]);
  assert.deepEqual(again.entries('wf.clean', 'v1', 0, 10), [rows[3]]);
  assert.deepEqual(
    again.allEntries().map((e) => [e.source, e.task, e.version, e.storedAt]),
    [
      ['/cache/a', 'wf.clean', 'v1', 50],
      ['/cache/a', 'wf.train', '1.0', 100.5],
      ['/cache/a', 'wf.train', '1.0', 200.25],
      ['/cache/a', 'wf.train', '2.0', 300],
    ],
  );
  const [imported] = again.imports();
  assert.equal(imported?.source, '/cache/a');
  assert.equal(imported?.entryCount, 4);
  assert.deepEqual(imported?.warnings, ['one warning']);
  again.close();
});

test('importing a source again replaces only that source\'s rows', async () => {
  const { store } = await CacheStore.open(path.join(tempDir(), 'store.sqlite'));
  store.replaceSource('/a', [entry('t.a', '1', 1, 1), entry('t.a', '1', 2, 2)], []);
  store.replaceSource('/b', [entry('t.b', '1', 3, 3)], []);
  store.replaceSource('/a', [entry('t.a', '2', 4, 4)], []);
  assert.deepEqual(
    store.allEntries().map((e) => `${e.source} ${e.task} ${e.version}`),
    ['/a t.a 2', '/b t.b 1'],
  );
  assert.equal(store.imports().length, 3);
  store.close();
});

test('paging walks a version newest first without gaps or repeats', async () => {
  const { store } = await CacheStore.open(path.join(tempDir(), 'store.sqlite'));
  const rows = Array.from({ length: 23 }, (_, i) => entry('wf.big', '1', i + 1, 1000 + i));
  store.replaceSource('/c', rows, []);
  const seen: number[] = [];
  for (let offset = 0; ; offset += 10) {
    const page = store.entries('wf.big', '1', offset, 10);
    seen.push(...page.map((e) => e.storedAt));
    if (page.length < 10) break;
  }
  assert.deepEqual(seen, rows.map((r) => r.storedAt).reverse());
  assert.deepEqual(store.entries('wf.big', '1', 30, 10), []);
  assert.deepEqual(store.entries('wf.big', 'nope', 0, 10), []);
  store.close();
});

test('a failed import leaves the previous rows in place', async () => {
  const { store } = await CacheStore.open(path.join(tempDir(), 'store.sqlite'));
  store.replaceSource('/a', [entry('t', '1', 1, 1)], []);
  const bad = { ...entry('t', '1', 2, 2), storedAt: null as unknown as number }; // violates NOT NULL
  assert.throws(() => store.replaceSource('/a', [entry('t', '1', 3, 3), bad], []));
  assert.deepEqual(store.allEntries().map((e) => e.storedAt), [1]);
  store.close();
});

test('with deferCreate a new store is first written by save', async () => {
  const file = path.join(tempDir(), 'store.sqlite');
  const { store } = await CacheStore.open(file, { deferCreate: true });
  assert.equal(fs.existsSync(file), false);
  store.replaceSource('/cache/a', [entry('wf.train', '1.0', 1, 100)], []);
  await store.save();
  store.close();
  const { store: again } = await CacheStore.open(file);
  assert.equal(again.count(), 1);
  again.close();
});

test('with deferCreate an unreadable store is still moved aside, and the new one written by save', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.sqlite');
  fs.writeFileSync(file, 'not a database at all, not even close');
  const { store, warning } = await CacheStore.open(file, { deferCreate: true });
  assert.match(warning ?? '', /could not be read/);
  assert.equal(fs.existsSync(file), false);
  assert.equal(fs.readdirSync(dir).filter((f) => f.includes('.unreadable-')).length, 1);
  await store.save();
  assert.ok(fs.statSync(file).size > 0);
  store.close();
});
