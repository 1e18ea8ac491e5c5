import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import initSqlJs from 'sql.js';
import { CacheStore } from '../../../server/src/store';

const fixedNow = () => new Date(Date.UTC(2025, 0, 2, 3, 4, 5, 678));

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fc-unreadable-'));
}

async function storeWithOneEntry(file: string): Promise<void> {
  const { store } = await CacheStore.open(file);
  store.replaceSource('/src', [{ key: 'k-1-' + '0'.repeat(32), task: 'k', version: '1', hash: '0'.repeat(32), storedAt: 1, size: 1, outputs: {}, legacy: false }], []);
  await store.save();
  store.close();
}

async function assertBackedUp(dir: string, file: string, original: Uint8Array, mentions: RegExp): Promise<void> {
  const { store, warning } = await CacheStore.open(file, { now: fixedNow });
  const backup = `${file}.unreadable-20250102T030405Z`;
  assert.ok(warning, 'a warning is returned');
  assert.ok(warning.includes(backup), `the warning names the backup: ${warning}`);
  assert.match(warning, mentions);
  assert.deepEqual(fs.readFileSync(backup), Buffer.from(original), 'the old bytes are kept, not deleted');
  assert.equal(store.count(), 0, 'a fresh store was started');
  assert.deepEqual(fs.readdirSync(dir).sort(), [path.basename(file), path.basename(backup)].sort());
  store.close();
  const reopened = await CacheStore.open(file, { now: fixedNow });
  assert.equal(reopened.warning, undefined, 'the fresh store is readable');
  reopened.store.close();
}

test('garbage bytes are moved aside and a fresh store started', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.sqlite');
  const garbage = Buffer.from('this is not a database at all, just some words '.repeat(200));
  fs.writeFileSync(file, garbage);
  await assertBackedUp(dir, file, garbage, /could not be read/);
});

test('a truncated store is moved aside', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.sqlite');
  await storeWithOneEntry(file);
  const whole = fs.readFileSync(file);
  const truncated = whole.subarray(0, Math.floor(whole.length / 2));
  fs.writeFileSync(file, truncated);
  await assertBackedUp(dir, file, truncated, /could not be read/);
});

test('a SQLite file that is not ours (e.g. a flytekit cache.db) is moved aside', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.sqlite');
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('CREATE TABLE Cache (key TEXT, value BLOB)');
  const foreign = db.export();
  db.close();
  fs.writeFileSync(file, foreign);
  await assertBackedUp(dir, file, foreign, /none of ours/);
});

test('an empty (0-byte) file becomes a fresh store without a warning', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.sqlite');
  fs.writeFileSync(file, '');
  const { store, warning } = await CacheStore.open(file);
  assert.equal(warning, undefined);
  assert.equal(store.count(), 0);
  assert.ok(fs.statSync(file).size > 0);
  store.close();
});
