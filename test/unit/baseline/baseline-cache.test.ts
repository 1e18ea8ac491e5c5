// The server's per-document baseline cache, with a scripted reader instead of git.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonDocument } from '../../../server/src/analysis';
import type { BaselineResult } from '../../../server/src/baseline/git';
import { BaselineCache } from '../../../server/src/lsp/baseline-cache';
import { bumpChangedTasks } from '../../../server/src/lsp/bump-changed';

const URI = 'file:///work/wf.py';

/** A reader whose answers the test releases one by one. */
function scriptedReader() {
  const calls: { file: string; ref: string; answer: (r: BaselineResult) => void }[] = [];
  const read = (file: string, ref: string) => new Promise<BaselineResult>((resolve) => calls.push({ file, ref, answer: resolve }));
  return { calls, read };
}

const tick = (ms = 80) => new Promise((resolve) => setTimeout(resolve, ms));

test('a baseline read in time is used at once and asks for no refresh', async () => {
  const { calls, read } = scriptedReader();
  let refreshes = 0;
  const cache = new BaselineCache(read, () => refreshes++);
  const pending = cache.get(URI, 'HEAD', 1000);
  await tick(5);
  assert.equal(calls.length, 1);
  assert.equal(calls[0]?.ref, 'HEAD');
  assert.match(calls[0]?.file ?? '', /wf\.py$/);
  calls[0]?.answer({ text: 'x = 1\n', commit: 'a'.repeat(40) });
  const baseline = await pending;
  assert.equal(baseline?.doc.text, 'x = 1\n');
  assert.equal(baseline?.ref, 'HEAD');
  await tick();
  assert.equal(refreshes, 0);
  // Cached: the same object, no second read.
  assert.equal(await cache.get(URI, 'HEAD'), baseline);
  assert.equal(calls.length, 1);
});

test('a baseline arriving after the answer triggers one refresh', async () => {
  const { calls, read } = scriptedReader();
  let refreshes = 0;
  const cache = new BaselineCache(read, () => refreshes++);
  assert.equal(await cache.get(URI, 'HEAD', 10), undefined);
  calls[0]?.answer({ text: 'x = 1\n', commit: 'a'.repeat(40) });
  await tick();
  assert.equal(refreshes, 1);
  assert.equal((await cache.get(URI, 'HEAD'))?.doc.text, 'x = 1\n');
});

test('revalidation refreshes only when the text at the ref changed', async () => {
  const { calls, read } = scriptedReader();
  let refreshes = 0;
  const cache = new BaselineCache(read, () => refreshes++);
  const first = cache.get(URI, 'HEAD');
  await tick(5);
  calls[0]?.answer({ text: 'v = 1\n', commit: 'a'.repeat(40) });
  const before = await first;
  cache.revalidate();
  calls[1]?.answer({ text: 'v = 1\n', commit: 'a'.repeat(40) });
  await tick();
  assert.equal(refreshes, 0);
  assert.equal(await cache.get(URI, 'HEAD'), before, 'same text: same parsed document');
  cache.revalidate();
  calls[2]?.answer({ text: 'v = 2\n', commit: 'b'.repeat(40) });
  await tick();
  assert.equal(refreshes, 1);
  assert.equal((await cache.get(URI, 'HEAD'))?.doc.text, 'v = 2\n');
});

test('no baseline: untracked files, errors (logged), an empty ref and non-file documents', async () => {
  const logs: string[] = [];
  let refreshes = 0;
  const answers: BaselineResult[] = [{ missing: 'untracked' }, { missing: 'error', detail: 'dubious ownership' }];
  const cache = new BaselineCache(async () => answers.shift() ?? { missing: 'no-git' }, () => refreshes++, (m) => logs.push(m), 0);
  assert.equal(await cache.get(URI, 'HEAD'), undefined);
  assert.equal(await cache.get(URI, 'HEAD'), undefined);
  assert.equal(await cache.get(URI, ''), undefined);
  assert.equal(await cache.get('untitled:Untitled-1', 'HEAD'), undefined);
  await tick();
  assert.equal(refreshes, 0);
  assert.equal(logs.length, 1);
  assert.match(logs[0] ?? '', /dubious ownership/);
});

test('a reader that throws counts as no baseline', async () => {
  const cache = new BaselineCache(() => Promise.reject(new Error('spawn failed')), () => {}, () => {});
  assert.equal(await cache.get(URI, 'HEAD'), undefined);
});

test('"bump all changed tasks" bumps FC401 and FC402 tasks, once per shared constant', () => {
  const base = `from flytekit import task\nV = "3"\n@task(cache=True, cache_version="1")\ndef a() -> int:\n    return 1\n@task(cache=True, cache_version="5")\ndef b() -> int:\n    return 2\n@task(cache=True, cache_version=V)\ndef c() -> int:\n    return 3\n@task(cache=True, cache_version=V)\ndef d() -> int:\n    return 4\n@task(cache=True, cache_version="9")\ndef untouched() -> int:\n    return 5\n`;
  const edited = base
    .replace('return 1', 'return 10')
    .replace('cache_version="5"', 'cache_version="4"')
    .replace('return 3', 'return 30')
    .replace('return 4', 'return 40');
  const baseline = { doc: PythonDocument.create(base), ref: 'HEAD' };
  const bumped = bumpChangedTasks(edited, { defaultCachePolicy: 'none' }, baseline);
  assert.equal(bumped, edited.replace('cache_version="1"', 'cache_version="2"').replace('cache_version="4"', 'cache_version="6"').replace('V = "3"', 'V = "4"'));
  assert.equal(bumpChangedTasks(base, { defaultCachePolicy: 'none' }, baseline), base);
});
