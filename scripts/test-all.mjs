#!/usr/bin/env node
// `npm test`: builds, runs the unit suites (node's test runner) and the end-to-end suite
// (a real VS Code workbench), and ends with one line summing both: `N passed, N failed`.
//   node scripts/test-all.mjs [--unit-only] [--e2e-only]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const unitOnly = process.argv.includes('--unit-only');
const e2eOnly = process.argv.includes('--e2e-only');

function step(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

/** Runs a command, echoing its output, and returns [exit code, captured stdout]. */
function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code, signal) => resolve([code ?? 128 + (signal ? 1 : 0), out]));
  });
}

function unitFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

step('node', ['esbuild.mjs']);
step('npx', ['tsc', '-p', 'tsconfig.json']);

let passed = 0;
let failed = 0;
let exitCode = 0;

if (!e2eOnly) {
  const files = unitFiles('out/test/unit');
  const [code, out] = await run(process.execPath, ['--test', '--test-reporter=spec', ...files]);
  const pass = Number(/^ℹ pass (\d+)/m.exec(out)?.[1] ?? 0);
  const fail = Number(/^ℹ fail (\d+)/m.exec(out)?.[1] ?? 0);
  passed += pass;
  failed += fail + (code !== 0 && fail === 0 ? 1 : 0);
  if (code !== 0) exitCode = 1;
  console.log(`unit: ${pass} passed, ${fail} failed`);
}

if (!unitOnly) {
  const [code, out] = await run(process.execPath, ['scripts/test-e2e.mjs']);
  const m = /^e2e: (\d+) passed, (\d+) failed/m.exec(out);
  const pass = Number(m?.[1] ?? 0);
  const fail = Number(m?.[2] ?? 0);
  passed += pass;
  failed += fail + (code !== 0 && fail === 0 ? 1 : 0);
  if (code !== 0) exitCode = 1;
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
