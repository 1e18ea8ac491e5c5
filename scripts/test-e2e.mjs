#!/usr/bin/env node
// `npm run test:e2e`: installs the workbench parts (scripts/setup-e2e.sh), builds the
// extension and the tests, then runs test/e2e/run.mjs against test/fixtures/workspaces/basic.
// Extra arguments go to the runner (e.g. --verbose, --keep-temp); MOCHA_GREP filters tests.
// The last stdout line is the runner's `e2e: N passed, N failed`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

function step(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) {
    console.error(`test-e2e: ${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(r.status || 1);
  }
}

step('bash', ['scripts/setup-e2e.sh']);
step('npm', ['run', 'build']);
step('npx', ['tsc', '-p', 'tsconfig.json']);

const runner = spawn(process.execPath, [
  'test/e2e/run.mjs',
  '--extensionDevelopmentPath=.',
  '--extensionTestsPath=out/test/e2e/suite/index.js',
  '--workspace=test/fixtures/workspaces/basic',
  '--screenshot=out/screenshots',
  ...process.argv.slice(2),
], { stdio: 'inherit' });
// The runner cleans up on these itself; we only wait for it.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
runner.on('exit', (code, signal) => process.exit(code ?? 128 + (signal === 'SIGKILL' ? 9 : 15)));
