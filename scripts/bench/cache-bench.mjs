// (d) importing a 100,000-entry flytekit cache.db into a fresh store vs Python's sqlite3 reading
// every row; (e) the explorer's tree requests through the real server (`dist/server.js --stdio`)
// on that store, and the memory the store takes after the import.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { BIG_TASK, BIG_VERSION, addEntry, pythonReadAll, writeLargeCache } from './local-cache.mjs';
import { median, percentile } from './measure.mjs';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

/** Generates the cache once per run; returns its folder. */
export function largeCache(work) {
  const dir = path.join(work, 'local-cache');
  const start = performance.now();
  const n = writeLargeCache(dir);
  console.log(`\n    generated ${n} entries with python-diskcache in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  return dir;
}

export function benchImport(root, cacheDir, work, rounds) {
  const ours = [];
  for (let i = 0; i < rounds; i++) {
    const store = path.join(work, `import-${i}.sqlite`);
    const start = performance.now();
    const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'import', cacheDir, '--store', store], { encoding: 'utf8' });
    ours.push(performance.now() - start);
    if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
    fs.rmSync(store, { force: true });
  }
  const python = [];
  let rows = 0;
  for (let i = 0; i < rounds; i++) ({ ms: python[i], rows } = pythonReadAll(path.join(cacheDir, 'cache.db')));
  const a = median(ours);
  const b = median(python);
  console.log(`\n(d) import of a ${rows}-row flytekit cache.db into a fresh store (median of ${rounds})`);
  console.log(`    \`flyte-cache import\` wall time:        ${a.toFixed(0)} ms (node start-up, decoding and saving included)`);
  console.log(`    python3 sqlite3 reading every row:     ${b.toFixed(0)} ms (interpreter start-up included, nothing decoded)`);
  console.log(`    ratio ours / python:                   ${(a / b).toFixed(1)}x  (goal <= 2x)`);
  benchReimport(root, cacheDir, work, rounds);
}

/** A re-import after one new entry (the rows that did not change are kept) on a copy of the cache. */
function benchReimport(root, cacheDir, work, rounds) {
  const copy = path.join(work, 'reimport-cache');
  fs.cpSync(cacheDir, copy, { recursive: true });
  const store = path.join(work, 'reimport.sqlite');
  const importInto = () => {
    const start = performance.now();
    const run = spawnSync(process.execPath, [path.join(root, 'dist/cli.js'), 'import', copy, '--store', store], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`import failed: ${run.stderr}`);
    return performance.now() - start;
  };
  importInto();
  const times = [];
  for (let i = 0; i < rounds; i++) {
    addEntry(copy, i);
    times.push(importInto());
  }
  fs.rmSync(copy, { recursive: true, force: true });
  fs.rmSync(store, { force: true });
  console.log(`    re-import after one new entry:         ${median(times).toFixed(0)} ms (median of ${rounds}; unchanged rows kept)`);
}

/** Tree requests on a server whose store holds the imported cache; p50/p95 per request kind. */
export async function benchTree(root, cacheDir, work, requests) {
  const store = path.join(work, 'tree.sqlite');
  const server = spawn(process.execPath, [path.join(root, 'dist/server.js'), '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, FLYTE_CACHE_STORE: store },
  });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.onNotification(() => undefined);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  const start = performance.now();
  const imported = await connection.sendRequest('flyteCache/importCache', { path: cacheDir });
  const importMs = performance.now() - start;
  const rssAfterImport = rssOf(server.pid);

  const tasks = await connection.sendRequest('flyteCache/treeChildren', {});
  const task = tasks.find((t) => t.task === BIG_TASK);
  const versions = await connection.sendRequest('flyteCache/treeChildren', { parent: task });
  const version = versions.find((v) => v.version === BIG_VERSION);
  const kinds = [
    ['task rows (root)', {}],
    [`children of ${BIG_TASK} (10,000 entries)`, { parent: task }],
    [`first page of its version ${BIG_VERSION} (8,000 entries)`, { parent: version }],
  ];
  console.log(`\n(e) tree requests through \`dist/server.js --stdio\`, store of ${imported.imported} entries (${requests} requests each after 5 warm-up)`);
  console.log(`    import through the server: ${importMs.toFixed(0)} ms; server RSS after it: ${rssAfterImport}`);
  for (const [label, params] of kinds) {
    for (let i = 0; i < 5; i++) await connection.sendRequest('flyteCache/treeChildren', params);
    const samples = [];
    let count = 0;
    for (let i = 0; i < requests; i++) {
      const t = performance.now();
      count = (await connection.sendRequest('flyteCache/treeChildren', params)).length;
      samples.push(performance.now() - t);
    }
    console.log(`    ${label}: ${count} rows, p50 ${percentile(samples, 50).toFixed(1)} ms, p95 ${percentile(samples, 95).toFixed(1)} ms  (goal p95 <= 20 ms)`);
  }
  console.log(`    server RSS after the requests: ${rssOf(server.pid)}`);
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
}

/** Heap and RSS of a fresh process that imported the cache through the Explorer (in-process), after a full GC. */
export function importMemory(root, cacheDir, work) {
  const script = `
    const { Explorer, CodeIndex } = require(${JSON.stringify(path.join(root, 'out/bench/explorer.cjs'))});
    (async () => {
      const explorer = new Explorer(() => undefined, new CodeIndex(() => undefined));
      explorer.useStore(${JSON.stringify(path.join(work, 'memory.sqlite'))});
      await explorer.importCache(${JSON.stringify(cacheDir)});
      global.gc();
      const m = process.memoryUsage();
      console.log(JSON.stringify({ entries: await explorer.count(), ...m }));
    })();`;
  const run = spawnSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8', cwd: root });
  if (run.status !== 0) throw new Error(`memory run failed: ${run.stderr}`);
  const m = JSON.parse(run.stdout.trim());
  const mib = (n) => `${(n / 1048576).toFixed(0)} MiB`;
  console.log(`    in-process after importing ${m.entries} entries (Explorer, after GC): RSS ${mib(m.rss)}, heap used ${mib(m.heapUsed)} of ${mib(m.heapTotal)}, external ${mib(m.external)} (sql.js's WebAssembly memory is here)`);
}

function rssOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1]);
    return `${(kb / 1024).toFixed(0)} MiB`;
  } catch {
    const ps = spawnSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' });
    return `${(Number(ps.stdout.trim()) / 1024).toFixed(0)} MiB`;
  }
}

