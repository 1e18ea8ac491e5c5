// Inputs and baselines for (d) and (e): a large genuine flytekit local cache written by
// python-diskcache, and the time Python's sqlite3 takes to read every row of it (decoding nothing).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { PYTHON, writeFlytekitCache } from '../fixtures/flytekit-cache.mjs';

/** The task whose 10,000 entries (e) lists: 8,000 in version 2.0, 2,000 in 1.0. */
export const BIG_TASK = 'pipelines.training.fit_model';
export const BIG_VERSION = '2.0';

const BASE_TIME = 1_714_550_400; // 2024-05-01

/**
 * Writes `total` entries: BIG_TASK's 10,000, the rest spread over 45 other tasks of 1–4 versions.
 * Outputs are small LiteralMaps (ints, floats, strings, booleans), every 7th holds a blob, and
 * every 5,000th a 40 kB string (a .val file, MODE_BINARY). Deterministic.
 */
export function writeLargeCache(directory, total = 100_000) {
  const entries = [];
  for (let i = 0; i < 10_000; i++) entries.push(entry(BIG_TASK, i < 8_000 ? BIG_VERSION : '1.0', i));
  const others = total - entries.length;
  for (let i = 0; i < others; i++) {
    const t = i % 45;
    const task = `pipelines.stage_${String(t).padStart(2, '0')}.step_${t % 7}`;
    const version = `v${1 + ((i >> 4) % (1 + (t % 4)))}`;
    entries.push(entry(task, version, 10_000 + i));
  }
  writeFlytekitCache(directory, entries, { transact: true });
  return entries.length;
}

/** Adds one more entry to BIG_TASK (the n-th added), the way another `pyflyte run` would. */
export function addEntry(directory, n) {
  writeFlytekitCache(directory, [entry(BIG_TASK, BIG_VERSION, 1_000_000 + n)]);
}

function entry(task, version, n) {
  const hash = createHash('md5').update(`${task}/${version}/${n}`).digest('hex');
  const outputs = { o0: { integer: n }, o1: { float: (n % 997) / 7 } };
  if (n % 3 === 0) outputs.o2 = { string: `run-${n.toString(36)}-${hash.slice(0, 8)}` };
  if (n % 5 === 0) outputs.o3 = { boolean: n % 2 === 0 };
  if (n % 7 === 0) outputs.model = { blob: { uri: `/tmp/flyte/raw/${hash.slice(0, 2)}/${hash}/model.pt`, format: 'PyTorchCheckpoint' } };
  if (n % 5_000 === 1) outputs.report = { string: 'x'.repeat(40_000) };
  return { key: `${task}-${version}-${hash}`, outputs, storeTime: BASE_TIME + n * 60 + (n % 10) / 10 };
}

const READ_ALL = `
import sqlite3, sys
con = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)
rows = con.execute('SELECT rowid, key, raw, store_time, expire_time, access_time, access_count, tag, size, mode, filename, value FROM Cache').fetchall()
print(len(rows))
`;

/** Wall time (ms) of `/usr/bin/python3 -c` reading every Cache row with sqlite3, decoding nothing. */
export function pythonReadAll(dbFile) {
  const start = performance.now();
  const run = spawnSync(PYTHON, ['-c', READ_ALL, dbFile], { encoding: 'utf8' });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`python read failed: ${run.stderr}`);
  return { ms, rows: Number(run.stdout.trim()) };
}
