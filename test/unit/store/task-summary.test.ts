import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheStore, type CacheEntryRecord, type HistoryEvent, type TaskOverview } from '../../../server/src/store';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-summary-')), 'store.sqlite');
}

const hex = (n: number) => n.toString(16).padStart(32, '0');

function entry(task: string, version: string, n: number, storedAt = 100 + n): CacheEntryRecord {
  return { key: `${task}-${version}-${hex(n)}`, task, version, hash: hex(n), storedAt, size: 10 + n, outputs: { o0: n }, legacy: n % 4 === 0 };
}

function ev(task: string, status: HistoryEvent['status'], n: number, time: number, durationMs: number | null = null): HistoryEvent {
  return { task, version: '1', hash: hex(n), status, source: 'recorded', execution: `run-${time}`, time, durationMs };
}

function populated(entries: CacheEntryRecord[]): HistoryEvent[] {
  return entries.map((e) => ({ task: e.task, version: e.version, hash: e.hash, status: 'populated', source: 'local', execution: null, time: e.storedAt, durationMs: null }));
}

/** What the explorer showed before summary rows: computed from tasks(), eventSummaries() and stats() on every request. */
function live(store: CacheStore): TaskOverview[] {
  const stats = new Map(store.stats().map((s) => [s.task, s]));
  const events = store.eventSummaries();
  const summaries = new Map(store.tasks().map((t) => [t.task, t]));
  for (const task of events.keys()) if (!summaries.has(task)) summaries.set(task, { task, versions: 0, entries: 0, size: 0, lastStored: 0 });
  return [...summaries.values()]
    .map((summary) => ({ summary, stats: stats.get(summary.task)!, events: events.get(summary.task)?.count ?? 0, lastEvent: events.get(summary.task)?.last ?? 0 }))
    .sort((a, b) => (a.summary.task < b.summary.task ? -1 : 1));
}

function assertCurrent(store: CacheStore, step: string): void {
  assert.deepEqual(store.taskOverviews(), live(store), step);
  for (const o of live(store)) assert.deepEqual(store.taskOverviews(o.summary.task), [o], `${step}: ${o.summary.task} alone`);
}

test('summary rows equal the live aggregates after imports, re-imports, events and evictions', async () => {
  const { store } = await CacheStore.open(tempFile());
  assert.deepEqual(store.taskOverviews(), []);
  const a = [entry('wf.a', '1', 1), entry('wf.a', '1', 2), entry('wf.a', '2', 3), entry('wf.b', '1', 4), entry('wf.b', '1', 5, 0)];
  assert.equal(store.replaceSource('/one', a, [], 'fp1', populated(a)), 5);
  assertCurrent(store, 'first import');

  store.replaceSource('/two', [entry('wf.a', '1', 1), entry('wf.c', '1', 6)], []);
  assertCurrent(store, 'second source sharing an input');

  assert.equal(store.addEvents([ev('wf.a', 'miss', 1, 90), ev('wf.a', 'populated', 1, 95, 2500), ev('wf.a', 'hit', 1, 200, 5), ev('wf.a', 'hit', 1, 300, 5), ev('only.history', 'miss', 9, 50)]), 5);
  assertCurrent(store, 'recorded hits and misses');
  assert.equal(store.taskOverviews('wf.a')[0]!.stats.timeSavedMs, 5000);

  assert.equal(store.addEvents([ev('wf.a', 'hit', 1, 200, 5)]), 0);
  assertCurrent(store, 'nothing new');

  store.addEvents([{ ...ev('wf.a', 'evicted', 1, 400), source: 'local', execution: null }, ev('wf.a', 'hit', 1, 500, 5)]);
  assertCurrent(store, 'eviction then a hit that saved nothing');

  const b = [entry('wf.a', '1', 2), entry('wf.d', '3', 7)];
  store.replaceSource('/one', b, [], 'fp2', populated(b));
  assertCurrent(store, 're-import dropped wf.b and some of wf.a');
  assert.ok(store.taskOverviews().some((o) => o.summary.task === 'wf.b' && o.summary.entries === 0 && o.events === 2), 'wf.b stays known from its history');

  store.replaceSource('/two', [], []);
  assertCurrent(store, 'second source emptied');
  assert.deepEqual(store.taskOverviews('no.such.task'), []);
  store.close();
});

test('summary rows survive save and reopen, and merge with what another process saved', async () => {
  const file = tempFile();
  const { store: first } = await CacheStore.open(file);
  const { store: second } = await CacheStore.open(file);
  first.replaceSource('/one', [entry('wf.a', '1', 1), entry('wf.b', '1', 2)], []);
  second.addEvents([ev('wf.a', 'hit', 1, 200, 5), ev('wf.z', 'miss', 3, 210)]);
  await first.save();
  await second.save();
  assertCurrent(second, 'merged on save');
  assert.deepEqual(second.taskOverviews().map((o) => o.summary.task), ['wf.a', 'wf.b', 'wf.z']);
  await first.refresh();
  assert.deepEqual(first.taskOverviews(), second.taskOverviews());
  first.close();
  second.close();
  const { store: reopened } = await CacheStore.open(file);
  assertCurrent(reopened, 'reopened');
  reopened.close();
});
