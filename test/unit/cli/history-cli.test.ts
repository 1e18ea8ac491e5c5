import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CacheStore } from '../../../server/src/store';
import { tempDir } from '../importers/fixture-tools';
import { run } from './run-cli';

async function storeWithHistory(): Promise<string> {
  const file = path.join(tempDir('fc-history-cli-'), 'store.sqlite');
  const { store } = await CacheStore.open(file);
  const h = 'f'.repeat(32);
  store.addEvents([
    { task: 'wf.train', version: '1', hash: h, status: 'miss', source: 'recorded', execution: 'record-1', time: 1714557600, durationMs: null },
    { task: 'wf.train', version: '1', hash: h, status: 'populated', source: 'recorded', execution: 'record-1', time: 1714557660, durationMs: 60000 },
    { task: 'wf.train', version: '1', hash: h, status: 'hit', source: 'recorded', execution: 'record-2', time: 1714561200, durationMs: 12 },
    { task: 'wf.clean', version: 'v2', hash: null, status: 'disabled', source: 'remote', execution: 'p/d/e/n1', time: 1714561300, durationMs: null },
  ]);
  await store.save();
  store.close();
  return file;
}

test('history --format json: newest first, ISO times, nulls kept', async () => {
  const file = await storeWithHistory();
  const r = run(['history', '--store', file, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    { task: 'wf.clean', version: 'v2', hash: null, status: 'disabled', source: 'remote', execution: 'p/d/e/n1', time: '2024-05-01T11:01:40.000Z', durationMs: null },
    { task: 'wf.train', version: '1', hash: 'f'.repeat(32), status: 'hit', source: 'recorded', execution: 'record-2', time: '2024-05-01T11:00:00.000Z', durationMs: 12 },
    { task: 'wf.train', version: '1', hash: 'f'.repeat(32), status: 'populated', source: 'recorded', execution: 'record-1', time: '2024-05-01T10:01:00.000Z', durationMs: 60000 },
    { task: 'wf.train', version: '1', hash: 'f'.repeat(32), status: 'miss', source: 'recorded', execution: 'record-1', time: '2024-05-01T10:00:00.000Z', durationMs: null },
  ]);
  const filtered = JSON.parse(run(['history', '--store', file, '--format', 'json', '--task', 'wf.clean']).stdout) as { task: string }[];
  assert.deepEqual(filtered.map((e) => e.task), ['wf.clean']);
});

test('history text: one aligned row per event', async () => {
  const file = await storeWithHistory();
  const r = run(['history', '--store', file, '--task', 'wf.train']);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trimEnd().split('\n');
  assert.equal(lines.length, 4);
  assert.match(lines[0]!, /^time\s+status\s+task\s+version\s+inputs\s+source\s+execution\s+duration$/);
  assert.match(lines[1]!, /^2024-05-01T11:00:00.000Z\s+hit\s+wf.train\s+1\s+f{32}\s+recorded\s+record-2\s+12 ms$/);
  assert.match(lines[2]!, /populated .* 1 min 0 s$/);
});

test('stats --format json and text', async () => {
  const file = await storeWithHistory();
  const r = run(['stats', '--store', file, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), [
    { task: 'wf.clean', entries: 0, hits: 0, misses: 0, hitRate: null, timeSavedMs: 0 },
    { task: 'wf.train', entries: 1, hits: 1, misses: 1, hitRate: 0.5, timeSavedMs: 60000 },
  ]);
  const text = run(['stats', '--store', file]).stdout.trimEnd().split('\n');
  assert.match(text[0]!, /^task\s+entries\s+hits\s+misses\s+hit rate\s+time saved$/);
  assert.match(text[2]!, /^wf.train\s+1\s+1\s+1\s+50.0%\s+1 min 0 s$/);
});

test('history on an empty store says how to get some; a bad --format is a usage error', () => {
  const file = path.join(tempDir('fc-history-cli-'), 'store.sqlite');
  const r = run(['history', '--store', file]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /No history in .*flyte-cache record/);
  const bad = run(['stats', '--store', file, '--format', 'xml']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--format must be one of text, json/);
});
