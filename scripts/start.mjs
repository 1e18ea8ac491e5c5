#!/usr/bin/env node
// `npm start`: builds the extension, generates the example cache, and serves
// examples/ in a browser-based VS Code (code-server 4.100.3) on 127.0.0.1 with
// the extension loaded as a development extension. Prints the URL to open and
// runs until Ctrl-C.
//   node scripts/start.mjs [--check] [--port=N]     (or PORT=N)
//   --check: start, wait until the URL answers HTTP 200, print it, stop, exit 0.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeServerEnv, prepareDirs, startCodeServer, workbenchUrl } from '../test/e2e/lib/code-server.mjs';
import { httpStatus, killGroup, stopGroup } from '../test/e2e/lib/procs.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
const args = process.argv.slice(2);
const check = args.includes('--check');
const portArg = args.find((a) => a.startsWith('--port='))?.slice('--port='.length) ?? process.env.PORT;
const port = portArg ? Number(portArg) : undefined;
if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
  console.error(`start: invalid port ${portArg}`);
  process.exit(2);
}

function step(cmd, stepArgs) {
  const r = spawnSync(cmd, stepArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`start: ${cmd} ${stepArgs.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

step('bash', ['scripts/setup-e2e.sh', '--no-browser']);
step('npm', ['run', 'build']);
if (fs.existsSync('scripts/make-example-cache.mjs')) step(process.execPath, ['scripts/make-example-cache.mjs']);

// Private HOME and user data, kept across starts so the workbench remembers its layout.
const dirs = prepareDirs(path.join(root, '.e2e', 'start'));
let pgid = 0;
process.on('exit', () => killGroup(pgid, 'SIGKILL'));
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  await stopGroup(pgid, 5_000);
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    console.log(`start: ${signal}, stopping code-server`);
    void stop(0);
  });
}

let server;
try {
  server = await startCodeServer({
    dirs, env: codeServerEnv(dirs), port, timeoutMs: 120_000,
    onSpawn: (child) => (pgid = child.pid),
  });
} catch (err) {
  console.error(`start: ${err.message}`);
  await stop(1);
}
server.child.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`start: code-server exited (${code ?? signal}); log: ${server.logPath}`);
  void stop(1);
});

const url = workbenchUrl({ port: server.port, folder: path.join(root, 'examples'), extensionDevelopmentPath: root });
const status = await httpStatus(url, 10_000);
if (status !== 200) {
  console.error(`start: ${url} answered HTTP ${status}`);
  await stop(1);
}
console.log(`\nFlyte Cache Inspector is running in VS Code (code-server) on 127.0.0.1:${server.port}.`);
console.log('Open this URL in a browser (as is: it carries the launch payload that loads the extension):\n');
console.log(url);
if (check) {
  console.log('\nstart --check: the workbench answered HTTP 200; stopping.');
  await stop(0);
} else {
  console.log('\nFrom another machine, forward the port first (ssh -L <port>:127.0.0.1:<port>). Ctrl-C stops.');
}
