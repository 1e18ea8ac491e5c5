import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { evict } from '../../../server/src/cli/evict';
import { readFlytekitLocalCache } from '../../../server/src/importers';
import { SqliteImage } from '../../../server/src/store';
import { fixtureTools, snapshotFolder, tempDir } from '../importers/fixture-tools';
import { run } from './run-cli';

const T0 = 1714550400;

async function genuineCache(): Promise<{ dir: string; train: string; other: string; store: string }> {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-evict-cli-'), 'local-cache');
  const train = cacheKey('wf.train', '1.0', { n: 1 });
  const other = cacheKey('wf.other', '1', {});
  writeFlytekitCache(dir, [
    { key: train, outputs: { o0: { integer: 1 } }, storeTime: T0 },
    { key: other, outputs: { o0: { integer: 2 } }, storeTime: T0 + 1 },
  ]);
  return { dir, train, other, store: path.join(tempDir('fc-evict-cli-store-'), 'store.sqlite') };
}

async function keysIn(dir: string): Promise<string[]> {
  return (await readFlytekitLocalCache(dir, { openImage: (b) => SqliteImage.open(b) })).entries.map((e) => e.key).sort();
}

test('evict --yes deletes the task with the given Python, records the event and re-imports', async () => {
  const c = await genuineCache();
  assert.equal(run(['import', c.dir, '--store', c.store]).code, 0);
  const r = run(['evict', '--task', 'wf.train', '--cache-dir', c.dir, '--python', '/usr/bin/python3', '--store', c.store, '--yes']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 cache entry of all versions of wf\.train in .* will be evicted:\n {2}wf\.train {2}1\.0 {2}[0-9a-f]{32} {2}2024-05-01T08:00:00\.000Z\n/);
  assert.match(r.stdout, /Evicted 1 cache entry from /);
  assert.deepEqual(await keysIn(c.dir), [c.other]);

  const history = JSON.parse(run(['history', '--store', c.store, '--format', 'json', '--task', 'wf.train']).stdout) as { status: string }[];
  assert.deepEqual(history.map((e) => e.status), ['evicted', 'populated']);
  const listed = JSON.parse(run(['ls', '--store', c.store, '--format', 'json']).stdout) as { task: string }[];
  assert.deepEqual(listed.map((e) => e.task), ['wf.other']);
});

test('without a terminal and without --yes nothing is evicted (exit 2)', async () => {
  const c = await genuineCache();
  const before = snapshotFolder(c.dir);
  const r = run(['evict', '--key', c.train, '--cache-dir', c.dir, '--python', '/usr/bin/python3', '--store', c.store]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /not evicting without confirmation: stdin is not a terminal, pass --yes/);
  assert.deepEqual(snapshotFolder(c.dir), before);
});

test('a terminal answer decides; no match exits 1; bad arguments exit 2', async () => {
  const c = await genuineCache();
  const out: string[] = [];
  const io = (answer: boolean) => ({ out: (s: string) => out.push(s), err: (s: string) => out.push(s), confirm: async (q: string) => (out.push(q), answer) });
  const argv = ['--key', c.train, '--cache-dir', c.dir, '--python', '/usr/bin/python3', '--store', c.store];

  assert.equal(await evict(argv, io(false)), 1);
  assert.match(out.join(''), /Evict 1 cache entry\? \[y\/N\] flyte-cache: cancelled, nothing evicted/);
  assert.deepEqual(await keysIn(c.dir), [c.train, c.other].sort());

  assert.equal(await evict(argv, io(true)), 0);
  assert.deepEqual(await keysIn(c.dir), [c.other]);

  const none = run(['evict', '--task', 'wf.nothing', '--cache-dir', c.dir, '--store', c.store, '--yes']);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no cache entries match all versions of wf\.nothing/);
  assert.equal(run(['evict', '--task', 'a', '--key', 'b', '--cache-dir', c.dir]).code, 2);
  assert.equal(run(['evict', '--key', 'b', '--version', '1', '--cache-dir', c.dir]).code, 2);
  assert.equal(run(['evict', '--cache-dir', c.dir]).code, 2);
});

test('a Python without diskcache or no Python at all: a clear message, exit 2, cache untouched', async () => {
  const c = await genuineCache();
  const before = snapshotFolder(c.dir);
  const noDiskcache = path.join(tempDir('fc-python-'), 'python3');
  fs.writeFileSync(noDiskcache, '#!/bin/sh\nexec /usr/bin/python3 -I -S "$@"\n', { mode: 0o755 });
  const r = run(['evict', '--key', c.train, '--cache-dir', c.dir, '--python', noDiskcache, '--store', c.store, '--yes']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /diskcache is not installed for .*python3 \(\/usr\/bin\/python3\): pip install diskcache/);
  assert.match(r.stderr, /--python PATH/);

  const missing = run(['evict', '--key', c.train, '--cache-dir', c.dir, '--python', '/no/such/python3', '--store', c.store, '--yes']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /Python interpreter not found: \/no\/such\/python3/);
  assert.deepEqual(snapshotFolder(c.dir), before);
});
