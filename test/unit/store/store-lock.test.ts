// Taking over a stale lock is atomic: processes that find the same stale lock at the same instant
// never hold the store's lock together.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lockPath } from '../../../server/src/store';

const RACERS = 6;

function race(store: string, inside: string): Promise<{ code: number | null; stderr: string }[]> {
  const start = Date.now() + 1_500;
  return Promise.all(
    Array.from({ length: RACERS }, () => {
      const child = spawn(process.execPath, [path.join(__dirname, 'lock-racer.js'), store, String(start), '20', inside], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      return new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
    }),
  );
}

const staleLocks: [string, (file: string) => void][] = [
  ['a lock whose holder is gone', (file) => fs.writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 54321, host: os.hostname(), time: Date.now(), nonce: 'dead' }))],
  [
    'an old lock with no content (its holder died while creating it)',
    (file) => {
      fs.writeFileSync(file, '');
      const old = new Date(Date.now() - 60_000);
      fs.utimesSync(file, old, old);
    },
  ],
];

for (const [what, write] of staleLocks) {
  test(`${RACERS} processes taking over ${what} at the same instant hold the lock one at a time`, async () => {
    for (let round = 0; round < 3; round++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fc-lock-race-'));
      const store = path.join(dir, 'store.sqlite');
      write(lockPath(store));
      const results = await race(store, path.join(dir, 'inside'));
      assert.deepEqual(results.map((r) => r.stderr.trim()), Array.from({ length: RACERS }, () => ''), `round ${round}: no two holders at once`);
      assert.deepEqual(results.map((r) => r.code), Array.from({ length: RACERS }, () => 0));
      assert.deepEqual(fs.readdirSync(dir), [], `round ${round}: no lock, claim or temp file left`);
    }
  });
}
