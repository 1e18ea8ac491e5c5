// Local populated events kept as entries (schema v3) must read exactly like the history rows the
// v2 schema stores for them: random imports, re-imports, evictions and events applied to a v2
// store, a v3 store and a store upgraded from v2 half-way give the same answers everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheStore, migrations, type CacheEntryRecord, type HistoryEvent } from '../../../server/src/store';
import { evictedEvents, populatedEvents } from '../../../server/src/local-cache/evict-target';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-derived-')), 'store.sqlite');
}

/** mulberry32: deterministic. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TASKS = ['wf.a', 'wf.b', 'wf.c'];
const hex = (n: number) => n.toString(16).padStart(32, '0');

function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

function randomEntries(rnd: () => number): CacheEntryRecord[] {
  const out: CacheEntryRecord[] = [];
  for (const task of TASKS) {
    for (const version of ['1', '2']) {
      for (let h = 0; h < 4; h++) {
        if (rnd() < 0.5) continue;
        const e = { key: `${task}-${version}-${hex(h)}`, task, version, hash: hex(h), storedAt: pick(rnd, [0, 10, 11, 11, 12, 20]), size: h + 1, outputs: null, legacy: false };
        out.push(e);
        // Now and then the same key twice (the later row wins), as a list may hold.
        if (rnd() < 0.05) out.push({ ...e, storedAt: pick(rnd, [0, 11, 12, 21]), size: 99 });
      }
    }
  }
  return out;
}

function randomEvent(rnd: () => number): HistoryEvent {
  const status = pick(rnd, ['hit', 'miss', 'populated', 'populated', 'evicted'] as const);
  const local = rnd() < 0.5;
  return {
    task: pick(rnd, TASKS),
    version: pick(rnd, ['1', '2']),
    hash: rnd() < 0.1 ? null : hex(Math.floor(rnd() * 4)),
    status,
    source: local ? 'local' : 'recorded',
    execution: local && rnd() < 0.7 ? null : `run-${Math.floor(rnd() * 3)}`,
    time: pick(rnd, [10, 11, 12, 15, 20]),
    durationMs: status === 'populated' && rnd() < 0.5 ? 1000 : null,
  };
}

function snapshot(store: CacheStore): unknown {
  return {
    history: store.history(),
    perTask: TASKS.map((task) => [store.history({ task }), store.history({ task, limit: 2, offset: 1 })]),
    page: store.history({ limit: 3, offset: 2 }),
    summaries: [...store.eventSummaries()],
    one: [...store.eventSummaries('wf.a')],
    stats: store.stats(),
    overviews: store.taskOverviews(),
    entries: store.allEntries(),
  };
}

for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
  test(`derived populated events read like stored ones (seed ${seed})`, async () => {
    const rnd = random(seed);
    const v2 = (await CacheStore.open(tempFile(), { migrations: migrations.slice(0, 2) })).store;
    const v3 = (await CacheStore.open(tempFile())).store;
    const upgradedFile = tempFile();
    let upgraded = (await CacheStore.open(upgradedFile, { migrations: migrations.slice(0, 2) })).store;
    const current = new Map<string, CacheEntryRecord[]>();
    for (let step = 0; step < 40; step++) {
      if (step === 20) {
        await upgraded.save();
        upgraded.close();
        upgraded = (await CacheStore.open(upgradedFile)).store;
      }
      const roll = rnd();
      const apply = (f: (s: CacheStore) => unknown) => [v2, v3, upgraded].map(f);
      let out: unknown[];
      if (roll < 0.45) {
        const source = pick(rnd, ['/a', '/b']);
        const entries = randomEntries(rnd);
        current.set(source, entries);
        const events = rnd() < 0.85 ? [...populatedEvents(entries), ...(rnd() < 0.4 ? [randomEvent(rnd)] : [])] : [];
        out = apply((s) => s.replaceSource(source, entries, [], undefined, events));
      } else if (roll < 0.6) {
        const source = pick(rnd, ['/a', '/b']);
        const removed = (current.get(source) ?? []).filter(() => rnd() < 0.5);
        out = apply((s) => s.addEvents(evictedEvents(removed, 30 + step)));
      } else {
        const events = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => randomEvent(rnd));
        out = apply((s) => s.addEvents(events));
      }
      assert.deepEqual(out[1], out[0], `step ${step}: new events (v3)`);
      assert.deepEqual(out[2], out[0], `step ${step}: new events (upgraded)`);
      const expected = snapshot(v2);
      assert.deepEqual(snapshot(v3), expected, `step ${step}: v3`);
      assert.deepEqual(snapshot(upgraded), expected, `step ${step}: upgraded from v2`);
    }
    for (const s of [v2, v3, upgraded]) s.close();
  });
}

test('an evicted entry keeps its populated event after the re-import removes it', async () => {
  const { store } = await CacheStore.open(tempFile());
  const entries: CacheEntryRecord[] = [1, 2].map((n) => ({ key: `wf.a-1-${hex(n)}`, task: 'wf.a', version: '1', hash: hex(n), storedAt: 10 + n, size: 1, outputs: null, legacy: false }));
  assert.equal(store.replaceSource('/a', entries, [], 'fp', populatedEvents(entries)), 2);
  assert.equal(store.addEvents(populatedEvents(entries)), 0, 'derived events count as stored');
  store.addEvents(evictedEvents([entries[0]!], 50));
  assert.equal(store.replaceSource('/a', [entries[1]!], [], 'fp2', populatedEvents([entries[1]!])), 0);
  assert.deepEqual(store.history().map((e) => [e.status, e.hash, e.time]), [['evicted', hex(1), 50], ['populated', hex(2), 12], ['populated', hex(1), 11]]);
  assert.equal(store.replaceSource('/a', entries, [], 'fp3', populatedEvents(entries)), 0, 'the returning entry\'s event is the stored one');
  assert.equal(store.history().length, 3);
  store.close();
});
