#!/usr/bin/env node
// `npm run bench`: builds, then measures (a) one ~11,000-line Flyte module, (b) a mixed repository
// of 500 files, (c) the language server's edit -> diagnostics latency, (d) importing a
// 100,000-entry local cache, (e) the explorer's tree requests on it and the memory it takes.
// Prints numbers and ratios measured in this run; asserts nothing (speed is not a test). Inputs
// are generated in a temp dir.
//   node scripts/bench/run.mjs [--quick] [--only=a,b,c,import,tree]
import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { flyteModule, writeMixedRepo } from './generate.mjs';
import { benchImport, benchTree, importMemory, largeCache } from './cache-bench.mjs';
import { lspLatency } from './lsp-latency.mjs';
import { median, percentile, time } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);
const quick = process.argv.includes('--quick');
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = new Set(onlyArg ? onlyArg.slice('--only='.length).split(',') : ['a', 'b', 'c', 'import', 'tree']);
const require = createRequire(import.meta.url);

console.log('Building dist/ and the in-process bundles...');
const built = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(1);
const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' };
await esbuild.build({ ...common, entryPoints: ['server/src/analysis.ts'], outfile: 'out/bench/analysis.cjs' });
await esbuild.build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'out/bench/cli.cjs' });
await esbuild.build({
  ...common,
  stdin: { contents: "export { Explorer } from './server/src/lsp/explorer'; export { CodeIndex } from './server/src/lsp/code-index';", resolveDir: root, loader: 'ts' },
  outfile: 'out/bench/explorer.cjs',
});
const engine = require(path.join(root, 'out/bench/analysis.cjs'));
const { main: cliMain } = require(path.join(root, 'out/bench/cli.cjs'));
const { Workspace, PositionEncoding } = require('@astral-sh/ruff-wasm-nodejs');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'flyte-cache-bench-'));
const bigText = flyteModule(2000);
const bigFile = path.join(work, 'pipeline.py');
fs.writeFileSync(bigFile, bigText);
const lines = bigText.split('\n').length - 1;
const settings = { defaultCachePolicy: 'none' };

console.log(`\nMachine: ${os.cpus().length} cores, ${os.cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ruff ${Workspace.version()} (wasm)`);

const ruff = new Workspace(Workspace.defaultSettings(), PositionEncoding.Utf16);
const runs = quick ? 5 : 15;
if (only.has('a')) {
// (a) one large Flyte module, in-process both: parse + analyse vs ruff's check with default settings.
const engineFindings = engine.analyzeDocument(engine.PythonDocument.create(bigText), settings).findings.length;
const ruffFindings = ruff.check(bigText).length;
const engineMs = median(time(() => engine.analyzeDocument(engine.PythonDocument.create(bigText), settings), runs, 3));
const ruffMs = median(time(() => ruff.check(bigText), runs, 3));
const cliWall = median(
  time(() => spawnSync(process.execPath, ['dist/cli.js', 'check', '--format', 'json', bigFile], { encoding: 'utf8' }), quick ? 3 : 7, 1),
);
console.log(`\n(a) ${lines} lines, 2,000 tasks (${engineFindings} findings; ruff ${ruffFindings})`);
console.log(`    engine in-process (parse + analyse): ${engineMs.toFixed(1)} ms (median of ${runs})`);
console.log(`    ruff-wasm in-process (check):         ${ruffMs.toFixed(1)} ms`);
console.log(`    ratio ruff / engine:                  ${(ruffMs / engineMs).toFixed(1)}x  (goal >= 3x)`);
console.log(`    \`flyte-cache check\` CLI wall time:    ${cliWall.toFixed(0)} ms (node start-up included)`);
}

if (only.has('b')) {
// (b) a mixed repository: the CLI's check in-process (file walk, skip, parse, analyse, JSON) vs
// ruff-wasm reading and checking every file.
const repo = path.join(work, 'repo');
const files = writeMixedRepo(repo);
const repoLines = files.reduce((n, f) => n + fs.readFileSync(f, 'utf8').split('\n').length, 0);
const sink = () => {};
const cliRepoMs = median(await timeAsync(() => cliMain(['check', '--format', 'json', repo], sink, sink), runs, 2));
const ruffRepoMs = median(time(() => files.forEach((f) => ruff.check(fs.readFileSync(f, 'utf8'))), quick ? 3 : 5, 1));
console.log(`\n(b) ${files.length} files, ${repoLines} lines, 5% Flyte`);
console.log(`    flyte-cache check in-process:         ${cliRepoMs.toFixed(1)} ms (median of ${runs})`);
console.log(`    ruff-wasm in-process over all files:  ${ruffRepoMs.toFixed(1)} ms`);
console.log(`    ratio ruff / flyte-cache:             ${(ruffRepoMs / cliRepoMs).toFixed(1)}x  (goal >= 20x)`);
}

// (c) language server: didChange of one line in the large module -> textDocument/diagnostic reply.
if (only.has('c')) {
const edits = quick ? 50 : 200;
const warmUp = 20;
// One session of warm-up + edits: the first `edits` include the server's first edits after opening
// the file (its code not yet optimized by V8); the last `edits` come after `warmUp` edits.
const all = await lspLatency(path.join(root, 'dist', 'server.js'), bigText, warmUp + edits);
const stats = (xs) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;
console.log(`\n(c) language server, one-line edit in the ${lines}-line module, ${edits} edits  (goal p95 <= 10 ms)`);
console.log(`    didChange -> diagnostics, from the first edit after opening: ${stats(all.slice(0, edits))}`);
console.log(`    didChange -> diagnostics, after ${warmUp} warm-up edits:        ${stats(all.slice(warmUp))}`);
}

// (d) import of a 100,000-entry cache; (e) tree requests on it and memory after the import.
if (only.has('import') || only.has('tree')) {
  const cacheDir = largeCache(work);
  if (only.has('import')) benchImport(root, cacheDir, work, quick ? 2 : 5);
  if (only.has('tree')) {
    await benchTree(root, cacheDir, work, quick ? 30 : 100);
    importMemory(root, cacheDir, work);
  }
}

fs.rmSync(work, { recursive: true, force: true });

async function timeAsync(fn, n, warmup) {
  for (let i = 0; i < warmup; i++) await fn();
  const samples = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}
