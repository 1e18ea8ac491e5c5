import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SqliteImage } from '../../../server/src/store';
import { applyWal } from '../../../server/src/importers';
import { fixtureTools, tempDir, type FixtureEntry } from './fixture-tools';

async function walCache(): Promise<{ main: Buffer; wal: Buffer }> {
  const { cacheKey, writeFlytekitCache } = await fixtureTools();
  const dir = path.join(tempDir('fc-wal-'), 'c');
  const entries: FixtureEntry[] = Array.from({ length: 8 }, (_, i) => ({ key: cacheKey('wf.w', '1', { i }), outputs: { o0: { integer: i } } }));
  writeFlytekitCache(dir, entries, { walOnlyFrom: 3 });
  return { main: fs.readFileSync(path.join(dir, 'cache.db')), wal: fs.readFileSync(path.join(dir, 'cache.db-wal')) };
}

async function rows(image: Uint8Array): Promise<number> {
  const db = await SqliteImage.open(image);
  try {
    return Number(db.query('SELECT COUNT(*) AS n FROM Cache')[0]?.['n']);
  } finally {
    db.close();
  }
}

test('without a WAL the image is the main file marked as a rollback-journal database', async () => {
  const { main } = await walCache();
  assert.equal(main[18], 2, 'diskcache databases are in WAL mode');
  const { image, framesApplied, note } = applyWal(main, undefined);
  assert.equal(framesApplied, 0);
  assert.equal(note, undefined);
  assert.equal(image[18], 1);
  assert.equal(image[19], 1);
  assert.deepEqual(Buffer.from(image.subarray(20)), main.subarray(20));
  assert.equal(main[18], 2, 'the input is not modified');
  assert.equal(await rows(image), 3);
});

test('committed frames are applied', async () => {
  const { main, wal } = await walCache();
  const { image, framesApplied } = applyWal(main, wal);
  assert.ok(framesApplied > 0);
  assert.equal(image.byteLength % 4096, 0);
  assert.equal(await rows(image), 8);
});

test('a damaged frame ends the log: only transactions committed before it count', async () => {
  const { main, wal } = await walCache();
  const pageSize = wal.readUInt32BE(8);
  const frames = (wal.length - 32) / (24 + pageSize);
  const damaged = Buffer.from(wal);
  const lastFrame = 32 + (frames - 1) * (24 + pageSize);
  damaged[lastFrame + 24 + 100] = damaged[lastFrame + 24 + 100]! ^ 0xff;
  const full = applyWal(main, wal).framesApplied;
  const cut = applyWal(main, damaged).framesApplied;
  assert.ok(cut < full, `${cut} < ${full}`);
  const n = await rows(applyWal(main, damaged).image);
  assert.ok(n >= 3 && n < 8, String(n));
});

test('a WAL from another database generation (other salts) or with a bad header is ignored with a note', async () => {
  const { main, wal } = await walCache();
  const badMagic = Buffer.from(wal);
  badMagic.writeUInt32BE(0x12345678, 0);
  assert.match(applyWal(main, badMagic).note ?? '', /no WAL magic/);
  const badHeader = Buffer.from(wal);
  badHeader.writeUInt32BE((badHeader.readUInt32BE(16) ^ 1) >>> 0, 16); // salt changed, header checksum now wrong
  const result = applyWal(main, badHeader);
  assert.match(result.note ?? '', /checksum/);
  assert.equal(await rows(result.image), 3);
  assert.equal(applyWal(main, wal.subarray(0, 10)).framesApplied, 0);
});
