import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheStore, type HistoryEvent } from '../../../server/src/store';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-history-')), 'store.sqlite');
}

function ev(task: string, status: HistoryEvent['status'], time: number, extra: Partial<HistoryEvent> = {}): HistoryEvent {
  return { task, version: '1', hash: 'a'.repeat(32), status, source: 'recorded', execution: 'run-1', time, durationMs: null, ...extra };
}

test('addEvents counts only new events, so re-importing adds nothing', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file);
  const events = [ev('wf.a', 'miss', 10), ev('wf.a', 'populated', 11, { durationMs: 1500 }), ev('wf.a', 'hit', 20)];
  assert.equal(store.addEvents(events), 3);
  assert.equal(store.addEvents(events), 0);
  assert.equal(store.addEvents([...events, ev('wf.a', 'hit', 30)]), 1);
  await store.save();
  store.close();
  const { store: again } = await CacheStore.open(file);
  assert.equal(again.addEvents(events), 0, 'the idempotency key survives a reopen');
  assert.equal(again.history().length, 4);
  again.close();
});

test('history is newest first, filtered by task and paged', async () => {
  const { store } = await CacheStore.open(tempFile());
  store.addEvents([ev('wf.a', 'miss', 10), ev('wf.b', 'hit', 15, { source: 'remote', execution: 'p/d/x/n0', hash: null }), ev('wf.a', 'hit', 20, { durationMs: 3 })]);
  assert.deepEqual(
    store.history().map((e) => [e.task, e.status, e.time]),
    [['wf.a', 'hit', 20], ['wf.b', 'hit', 15], ['wf.a', 'miss', 10]],
  );
  assert.deepEqual(store.history({ task: 'wf.a' }).map((e) => e.time), [20, 10]);
  assert.deepEqual(store.history({ limit: 1, offset: 1 }).map((e) => e.task), ['wf.b']);
  assert.deepEqual(store.history({ task: 'wf.b' })[0], { task: 'wf.b', version: '1', hash: null, status: 'hit', source: 'remote', execution: 'p/d/x/n0', time: 15, durationMs: null });
  store.close();
});

test('addEvents rejects an unknown status instead of storing it', async () => {
  const { store } = await CacheStore.open(tempFile());
  assert.throws(() => store.addEvents([ev('wf.a', 'bogus' as HistoryEvent['status'], 1)]), /unknown history status "bogus"/);
  assert.equal(store.history().length, 0);
  store.close();
});

test('stats: hits, misses, hit rate and time saved per entry', async () => {
  const { store } = await CacheStore.open(tempFile());
  const h1 = '1'.repeat(32);
  const h2 = '2'.repeat(32);
  store.replaceSource('/cache', [{ key: `wf.a-1-${h1}`, task: 'wf.a', version: '1', hash: h1, storedAt: 1, size: 1, outputs: {}, legacy: false }], []);
  store.addEvents([
    ev('wf.a', 'hit', 5, { hash: h1 }), // before any known populating run: saves nothing known
    ev('wf.a', 'miss', 10, { hash: h1 }),
    ev('wf.a', 'populated', 12, { hash: h1, durationMs: 2000 }),
    ev('wf.a', 'hit', 20, { hash: h1 }),
    ev('wf.a', 'hit', 21, { hash: h1 }),
    ev('wf.a', 'miss', 30, { hash: h2 }),
    ev('wf.a', 'populated', 31, { hash: h2, durationMs: 500 }),
    ev('wf.a', 'hit', 40, { hash: h2 }),
    ev('wf.a', 'overwrite', 50, { hash: h2 }),
    ev('wf.a', 'populated', 51, { hash: h2, durationMs: 700 }),
    ev('wf.a', 'hit', 60, { hash: h2 }),
    ev('wf.b', 'disabled', 5, { hash: null }),
  ]);
  assert.deepEqual(store.stats(), [
    { task: 'wf.a', entries: 2, hits: 5, misses: 2, hitRate: 5 / 7, timeSavedMs: 2000 * 2 + 500 + 700 },
    { task: 'wf.b', entries: 0, hits: 0, misses: 0, hitRate: null, timeSavedMs: 0 },
  ]);
  store.close();
});

test('save merges with what another process saved meanwhile', async () => {
  const file = tempFile();
  const { store: one } = await CacheStore.open(file);
  const { store: two } = await CacheStore.open(file);
  one.addEvents([ev('wf.a', 'hit', 1)]);
  two.addEvents([ev('wf.b', 'hit', 2)]);
  two.replaceSource('/cache', [], ['w']);
  await one.save();
  await two.save();
  assert.deepEqual(two.history().map((e) => e.task), ['wf.b', 'wf.a'], 'two sees one\'s saved event after its own save');
  await one.refresh();
  assert.deepEqual(one.history().map((e) => e.task), ['wf.b', 'wf.a']);
  assert.equal(one.imports().length, 1);
  one.close();
  two.close();
});
