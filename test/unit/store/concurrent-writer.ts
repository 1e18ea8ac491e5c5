// Spawned by concurrency.test.ts: adds COUNT history events to STORE, saving after each one.
//   node concurrent-writer.js STORE PREFIX COUNT
import { CacheStore } from '../../../server/src/store';

async function main(file: string, prefix: string, count: number): Promise<void> {
  const { store } = await CacheStore.open(file);
  for (let i = 0; i < count; i++) {
    store.addEvents([{ task: `${prefix}.task`, version: '1', hash: null, status: 'hit', source: 'recorded', execution: `${prefix}-${i}`, time: i, durationMs: null }]);
    await store.save();
  }
  store.close();
}

const [file, prefix, count] = process.argv.slice(2);
main(file!, prefix!, Number(count)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
