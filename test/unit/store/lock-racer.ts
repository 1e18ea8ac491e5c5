// Spawned by store-lock.test.ts: waits until START (ms since the epoch), takes the store's lock,
// and inside it creates INSIDE exclusively (failing if another holder is inside), holds it
// HOLD ms and removes it.
//   node lock-racer.js STORE START HOLD INSIDE
import fs from 'node:fs';
import { withStoreLock } from '../../../server/src/store/store-lock';

async function main(store: string, start: number, hold: number, inside: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, start - Date.now() - 5)));
  while (Date.now() < start) {
    // Spin the last few milliseconds so every racer starts at the same instant.
  }
  await withStoreLock(
    store,
    async () => {
      fs.writeFileSync(inside, String(process.pid), { flag: 'wx' });
      await new Promise((resolve) => setTimeout(resolve, hold));
      fs.unlinkSync(inside);
    },
    { timeoutMs: 20_000, staleMs: 5_000 },
  );
}

const [store, start, hold, inside] = process.argv.slice(2);
main(store!, Number(start), Number(hold), inside!).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
