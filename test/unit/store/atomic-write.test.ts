import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CacheStore, writeFileAtomic, type AtomicWriteIo } from '../../../server/src/store';
import { nodeIo } from '../../../server/src/store/atomic-write';

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'fc-atomic-'));
}

test('save leaves exactly the store file, no temp files', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'store.sqlite');
  const { store } = await CacheStore.open(file);
  store.replaceSource('/s', [{ key: 't-1-' + 'a'.repeat(32), task: 't', version: '1', hash: 'a'.repeat(32), storedAt: 1, size: 1, outputs: null, legacy: true }], []);
  await Promise.all([store.save(), store.save()]);
  assert.deepEqual(fs.readdirSync(dir), ['store.sqlite']);
  store.close();
});

test('writeFileAtomic replaces the content', async () => {
  const file = path.join(tempDir(), 'f.bin');
  fs.writeFileSync(file, 'old');
  await writeFileAtomic(file, Buffer.from('new content'));
  assert.equal(fs.readFileSync(file, 'utf8'), 'new content');
});

for (const step of ['write', 'rename'] as const) {
  test(`a failure at ${step} keeps the old file intact and removes the temp file`, async () => {
    const dir = tempDir();
    const file = path.join(dir, 'store.sqlite');
    fs.writeFileSync(file, 'the old store');
    const failing: AtomicWriteIo = {
      ...nodeIo,
      open: async (f, flags) => {
        const handle = await nodeIo.open(f, flags);
        if (step === 'write') {
          // Write part of the data for real, then fail like a full disk would.
          handle.writeFile = async () => {
            await fs.promises.appendFile(f, 'partial');
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          };
        }
        return handle;
      },
      rename: step === 'rename' ? async () => { throw new Error('EXDEV: rename failed'); } : nodeIo.rename,
    };
    await assert.rejects(writeFileAtomic(file, Buffer.from('the new store'), failing), step === 'write' ? /ENOSPC/ : /EXDEV/);
    assert.equal(fs.readFileSync(file, 'utf8'), 'the old store');
    assert.deepEqual(fs.readdirSync(dir), ['store.sqlite']);
  });
}
