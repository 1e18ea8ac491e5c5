import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CodeIndex } from '../../../server/src/lsp/code-index';
import { Explorer } from '../../../server/src/lsp/explorer';
import { CacheStore, type CacheEntryRecord, type HistoryEvent } from '../../../server/src/store';

const root = path.resolve('/ws');

function entry(task: string, version: string, hash: string, storedAt: number, size = 10): CacheEntryRecord {
  return { key: `${task}-${version}-${hash}`, task, version, hash, storedAt, size, outputs: { o0: 1 }, legacy: false };
}

function ev(task: string, status: HistoryEvent['status'], time: number, durationMs: number | null = null): HistoryEvent {
  return { task, version: '2', hash: 'a'.repeat(32), status, source: 'remote', execution: `x/${time}`, time, durationMs };
}

async function setup(): Promise<{ explorer: Explorer; file: string; codes: CodeIndex }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-explorer-')), 'store.sqlite');
  const { store } = await CacheStore.open(file);
  store.replaceSource('/cache', [
    entry('wf.train', '1', 'a'.repeat(32), 100, 5000),
    entry('wf.train', '2', 'a'.repeat(32), 200),
    entry('wf.eval', '1', 'b'.repeat(32), 150),
  ], []);
  store.addEvents([ev('wf.train', 'populated', 300, 2000), ev('wf.train', 'hit', 310), ev('wf.train', 'hit', 320), ev('wf.train', 'miss', 330), ev('remote.only', 'hit', 400)]);
  await store.save();
  store.close();
  const codes = new CodeIndex(() => root);
  codes.record(`file://${root}/wf.py`, path.join(root, 'wf.py'), [{ name: 'train', version: '2', line: 5, character: 4 }]);
  const explorer = new Explorer(() => undefined, codes);
  explorer.useStore(file);
  return { explorer, file, codes };
}

test('task rows carry hit rates; versions are marked current or orphaned from the code', async () => {
  const { explorer } = await setup();
  const tasks = await explorer.children(undefined);
  assert.deepEqual(tasks.map((t) => [t.label, t.description]), [
    ['remote.only', '0 entries · 100% hits'],
    ['wf.eval', '1 entry · 1 version'],
    ['wf.train', '2 entries · 67% hits'],
  ]);
  const train = tasks[2]!;
  assert.deepEqual(train.location, { uri: `file://${root}/wf.py`, line: 5, character: 4 });
  assert.equal(train.markdownTooltip, true);
  assert.match(train.tooltip ?? '', /2 hits, 1 misses \(67%\), time saved 4\.0 s/);
  const children = await explorer.children(train);
  assert.deepEqual(children.map((c) => [c.kind, c.label, c.versionState]), [['history', 'History', undefined], ['version', '2', 'current'], ['version', '1', 'orphaned']]);
  const events = await explorer.children(children[0]);
  assert.deepEqual(events.map((e) => [e.description, e.icon]), [
    ['miss · 2 · remote', 'circle-large-outline'], ['hit · 2 · remote', 'pass-filled'], ['hit · 2 · remote', 'pass-filled'], ['populated · 2 · remote · 2.0 s', 'add'],
  ]);
  const evalVersions = await explorer.children(tasks[1]);
  assert.deepEqual(evalVersions.map((v) => v.versionState), [undefined], 'not in code: neither current nor orphaned');
});

test('the server filters and sorts the task rows', async () => {
  const { explorer } = await setup();
  const names = async (options: Parameters<Explorer['children']>[1]) => (await explorer.children(undefined, options)).map((t) => t.label);
  assert.deepEqual(await names({ filter: 'TRAIN' }), ['wf.train']);
  assert.deepEqual(await names({ sort: 'hits' }), ['wf.train', 'remote.only', 'wf.eval']);
  assert.deepEqual(await names({ sort: 'size' }), ['wf.train', 'wf.eval', 'remote.only']);
  assert.deepEqual(await names({ sort: 'recency' }), ['remote.only', 'wf.train', 'wf.eval']);
});

test('details hold statistics, the timeline oldest first and the entries; refresh sees another writer', async () => {
  const { explorer, file } = await setup();
  const details = await explorer.details('wf.train');
  assert.ok(details);
  assert.deepEqual([details.hits, details.misses, details.timeSavedMs, details.codeVersion], [2, 1, 4000, '2']);
  assert.deepEqual(details.events.map((e) => e.status), ['populated', 'hit', 'hit', 'miss']);
  assert.deepEqual(details.entryRows.map((e) => [e.version, e.outputs]), [['2', [{ name: 'o0', value: '1' }]], ['1', [{ name: 'o0', value: '1' }]]]);
  assert.equal(await explorer.details('nothing.here'), null);

  const { store: other } = await CacheStore.open(file);
  other.addEvents([ev('wf.eval', 'miss', 500)]);
  await other.save();
  other.close();
  assert.equal((await explorer.children(undefined)).find((t) => t.label === 'wf.eval')?.description, '1 entry · 1 version', 'not re-read yet');
  await explorer.refresh();
  assert.equal((await explorer.children(undefined)).find((t) => t.label === 'wf.eval')?.description, '1 entry · 0% hits');
});

test('an entry without a store time (Flyte 2 task_cache) shows "unknown time", never 1970', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-explorer-')), 'store.sqlite');
  const { store } = await CacheStore.open(file);
  store.replaceSource('/cache', [entry('Flyte 2 (unnamed)', 'unknown', 'k'.repeat(44), 0)], []);
  await store.save();
  store.close();
  const explorer = new Explorer(() => undefined, new CodeIndex(() => root));
  explorer.useStore(file);
  const [task] = await explorer.children(undefined);
  const [version] = await explorer.children(task);
  const [row] = await explorer.children(version);
  assert.match(row!.description ?? '', /^unknown time · /);
  assert.match(row!.tooltip ?? '', /Stored unknown time/);
  assert.doesNotMatch(`${row!.description}${row!.tooltip}${version!.tooltip}`, /1970/);
});
