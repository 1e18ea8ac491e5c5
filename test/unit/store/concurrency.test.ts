import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheStore, lockPath, StoreLockedError } from '../../../server/src/store';

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fc-concurrent-')), 'store.sqlite');
}

function writer(file: string, prefix: string, count: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'concurrent-writer.js'), file, prefix, String(count)], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('two processes adding 200 events each to one store at the same time lose none', async () => {
  const file = tempFile();
  const results = await Promise.all([writer(file, 'left', 200), writer(file, 'right', 200)]);
  for (const r of results) assert.equal(r.code, 0, r.stderr);
  const { store, warning } = await CacheStore.open(file);
  assert.equal(warning, undefined);
  const events = store.history();
  assert.equal(events.length, 400);
  assert.equal(events.filter((e) => e.task === 'left.task').length, 200);
  assert.equal(events.filter((e) => e.task === 'right.task').length, 200);
  assert.equal(fs.existsSync(lockPath(file)), false, 'the lock file is removed after the last save');
  store.close();
});

test('a lock left by a process that is gone is taken over', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file);
  // A pid that cannot be running: the lock's holder crashed.
  fs.writeFileSync(lockPath(file), JSON.stringify({ pid: 2 ** 22 + 12345, host: os.hostname(), time: Date.now(), nonce: 'dead' }));
  store.addEvents([{ task: 't', version: '1', hash: null, status: 'miss', source: 'recorded', execution: null, time: 1, durationMs: null }]);
  await store.save();
  assert.equal(fs.existsSync(lockPath(file)), false);
  store.close();
});

test('a live lock held past the timeout fails the save with the holder named, and the change is kept', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file, { lock: { timeoutMs: 150, staleMs: 60_000 } });
  fs.writeFileSync(lockPath(file), JSON.stringify({ pid: process.ppid, host: os.hostname(), time: Date.now(), nonce: 'live' }));
  store.addEvents([{ task: 't', version: '1', hash: null, status: 'miss', source: 'recorded', execution: null, time: 1, durationMs: null }]);
  await assert.rejects(store.save(), (error: unknown) => error instanceof StoreLockedError && new RegExp(`process ${process.ppid}`).test(error.message));
  fs.unlinkSync(lockPath(file));
  await store.save();
  store.close();
  const { store: again } = await CacheStore.open(file);
  assert.equal(again.history().length, 1);
  again.close();
});

test('an old lock is taken over even when its pid looks alive', async () => {
  const file = tempFile();
  const { store } = await CacheStore.open(file, { lock: { timeoutMs: 5_000, staleMs: 1_000 } });
  fs.writeFileSync(lockPath(file), JSON.stringify({ pid: process.ppid, host: os.hostname(), time: Date.now() - 60_000, nonce: 'old' }));
  store.addEvents([{ task: 't', version: '1', hash: null, status: 'hit', source: 'recorded', execution: null, time: 1, durationMs: null }]);
  await store.save();
  assert.equal(fs.existsSync(lockPath(file)), false);
  store.close();
});
