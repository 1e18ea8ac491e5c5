import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { readAhead } from '../../../server/src/cli/files';

test('readAhead keeps the order, never has more than `limit` reads in flight, and passes failures on', async () => {
  let inFlight = 0;
  let peak = 0;
  const read = async (n: number): Promise<number> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, (n * 7) % 5));
    inFlight--;
    if (n === 13) throw new Error('unreadable 13');
    return n * 2;
  };
  const items = Array.from({ length: 40 }, (_, i) => i);
  const results = readAhead(items, 4, read);
  for (const [i, p] of results.entries()) {
    if (i === 13) await assert.rejects(p, /unreadable 13/);
    else assert.equal(await p, i * 2);
  }
  assert.ok(peak <= 4 && peak >= 2, `peak ${peak}`);
});
