#!/usr/bin/env node
// Runs the extension's e2e tests inside a real VS Code workbench: code-server
// (test/e2e/workbench, installed by scripts/setup-e2e.sh) serves VS Code 1.100.3
// on a loopback port, headless Chromium opens it with a launch payload that loads
// the extension under development; a test host extension (lib/test-host.mjs) runs
// extensionTestsPath in the extension host and reports the result to the control
// endpoint. The extension host's console is streamed to stdout; the exit code is the
// tests'. Every run has a private temp folder (HOME, XDG dirs, TMPDIR, user data,
// logs, the workspace copy), removed after a passing run. `--help` for options.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { USAGE, UsageError, parseArgs } from './lib/args.mjs';
import { openWorkbench, startBrowser } from './lib/browser.mjs';
import { codeServerEntry, codeServerEnv, prepareDirs, startCodeServer, workbenchUrl } from './lib/code-server.mjs';
import { startControlServer } from './lib/control.mjs';
import { killGroup, memoryOf, processAlive, stopGroup, withTimeout } from './lib/procs.mjs';
import { MochaSummary } from './lib/summary.mjs';
import { installTestHost } from './lib/test-host.mjs';

const T0 = Date.now();
const STARTUP_MS = 120_000;
const note = (msg) => process.stderr.write(`[e2e ${((Date.now() - T0) / 1000).toFixed(1)}s] ${msg}\n`);

let opts;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`${err.message}\n\n${USAGE}\n`);
  process.stdout.write('e2e: 0 passed, 1 failed\n');
  process.exit(2);
}
if (opts.help) {
  process.stdout.write(USAGE + '\n');
  process.exit(0);
}
const verbose = !!opts.verbose;
const abs = (p) => path.resolve(p);
const devPath = abs(opts.extensionDevelopmentPath);
const testsPath = abs(opts.extensionTestsPath);
const screenshotDir = opts.screenshot ? abs(opts.screenshot) : undefined;

const summary = new MochaSummary();
const state = { runDir: '', csPgid: 0, browserPgid: 0, browserServer: undefined, page: undefined, shots: 0 };
const peak = { pss: 0, rss: 0 };
let finishing = false;

function sampleMemory() {
  const m = memoryOf([state.csPgid, state.browserPgid]);
  peak.pss = Math.max(peak.pss, m.pss);
  peak.rss = Math.max(peak.rss, m.rss);
}

async function screenshot(name) {
  if (!screenshotDir || !state.page) return undefined;
  const file = path.join(screenshotDir, `${String(name).replace(/[^\w.-]+/g, '_')}.png`);
  fs.mkdirSync(screenshotDir, { recursive: true });
  await withTimeout(state.page.screenshot({ path: file }), 30_000, 'screenshot');
  state.shots++;
  note(`screenshot: ${file}`);
  return file;
}

const timers = [];
let flushOutput = () => {};

async function finish(code, reason) {
  if (finishing) return;
  finishing = true;
  if (reason) note(reason);
  sampleMemory();
  for (const t of timers) clearInterval(t);
  flushOutput();
  // Hard stop, should the cleanup itself hang.
  setTimeout(() => {
    killGroup(state.browserPgid, 'SIGKILL');
    killGroup(state.csPgid, 'SIGKILL');
    process.exit(code);
  }, 30_000).unref();
  if (state.csPgid) note(`peak memory (code-server, extension host, language server, browser, runner): ${mb(peak.pss)} PSS, ${mb(peak.rss)} RSS summed`);
  await Promise.all([
    (async () => {
      await withTimeout(state.browserServer?.close() ?? Promise.resolve(), 10_000, 'browser close').catch(() => {});
      await stopGroup(state.browserPgid, 2_000);
    })(),
    stopGroup(state.csPgid, 5_000),
  ]);
  if (state.runDir) {
    if (code !== 0 || opts.keepTemp) note(`kept the run folder (logs in logs/): ${state.runDir}`);
    else fs.rmSync(state.runDir, { recursive: true, force: true });
  }
  note(`exit ${code} after ${((Date.now() - T0) / 1000).toFixed(1)}s`);
  process.stdout.write(summary.line(code) + '\n');
  process.exit(code);
}

const mb = (bytes) => `${Math.round(bytes / 1024 / 1024)} MiB`;

// Last resort if we exit without finish(): no orphaned groups.
process.on('exit', () => {
  killGroup(state.browserPgid, 'SIGKILL');
  killGroup(state.csPgid, 'SIGKILL');
});
for (const [signal, num] of [['SIGINT', 2], ['SIGTERM', 15], ['SIGHUP', 1]]) {
  process.on(signal, () => void finish(128 + num, `received ${signal}`));
}
process.on('unhandledRejection', (err) => void finish(3, `internal error: ${err?.stack ?? err}`));
setTimeout(async () => {
  if (!finishing) await screenshot('timeout').catch(() => {});
  await finish(124, `overall timeout of ${opts.timeout}s reached`);
}, opts.timeout * 1000).unref();

/** Streams the file the preload copies the extension host's console into. */
function streamExtHostLog(file) {
  let offset = 0;
  let started = false;
  const pump = () => {
    let fd;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      return;
    }
    if (!started) note('extension host started');
    started = true;
    try {
      const buf = Buffer.alloc(64 * 1024);
      for (let n; (n = fs.readSync(fd, buf, 0, buf.length, offset)) > 0;) {
        offset += n;
        process.stdout.write(buf.subarray(0, n));
        summary.scan(buf.subarray(0, n).toString('utf8'));
      }
    } finally {
      fs.closeSync(fd);
    }
  };
  timers.push(setInterval(pump, 100));
  flushOutput = pump;
  return () => started;
}

async function main() {
  for (const [what, p] of [['extensionDevelopmentPath', path.join(devPath, 'package.json')], ['extensionTestsPath', testsPath],
    ['workspace', opts.workspace && abs(opts.workspace)], ['browser', opts.chromium]]) {
    if (p && !fs.existsSync(p)) throw new UsageError(`${what} not found: ${p}`);
  }
  const { version } = codeServerEntry();
  note(`code-server ${version}, browser ${opts.chromium}`);

  state.runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flyte-e2e-'));
  const settings = opts.settings ? JSON.parse(fs.readFileSync(abs(opts.settings), 'utf8')) : {};
  const dirs = prepareDirs(state.runDir, settings);
  installTestHost(dirs.extensions);
  let folder;
  if (opts.workspace) {
    folder = path.join(state.runDir, 'workspace', path.basename(abs(opts.workspace)));
    fs.cpSync(abs(opts.workspace), folder, { recursive: true });
    note(`workspace copied to ${folder}`);
  }
  // playwright keeps the browser profile in os.tmpdir(): keep it in the run folder too.
  process.env.TMPDIR = dirs.tmp;

  let resolveExit;
  const exited = new Promise((resolve) => (resolveExit = resolve));
  let testsPid = 0;
  const control = await startControlServer({
    page: () => state.page,
    screenshot,
    testsStarted: (pid) => {
      // A second start means the extension host was restarted (after a crash) and began again.
      if (testsPid) return void finish(3, 'the extension host restarted during the tests');
      testsPid = pid;
      timers.push(setInterval(() => {
        if (!processAlive(testsPid)) void finish(3, `the extension host (pid ${testsPid}) exited during the tests`);
      }, 1000));
    },
    testsDone: (code) => {
      flushOutput(); // the suite's last lines are in the log file by now
      resolveExit(code);
    },
  });
  const extHostLog = path.join(dirs.logs, 'exthost-console.log');
  const env = codeServerEnv(dirs, {
    ...opts.env,
    FLYTE_E2E_CONTROL_URL: `http://127.0.0.1:${control.address().port}`,
    FLYTE_E2E_EXTHOST_LOG: extHostLog,
    FLYTE_E2E_TESTS_PATH: testsPath,
  });
  control.unref();

  timers.push(setInterval(sampleMemory, 1000));
  const browserReady = startBrowser({ executablePath: opts.chromium, dirs, timeoutMs: STARTUP_MS });
  browserReady.then((b) => {
    state.browserPgid = b.pgid;
    state.browserServer = b.server;
  }, () => {});
  const [{ port }, { browser }] = await Promise.all([
    startCodeServer({
      dirs, env, timeoutMs: STARTUP_MS,
      onSpawn: (child) => {
        state.csPgid = child.pid;
        child.on('exit', (c, s) => state.page && void finish(3, `code-server exited unexpectedly (${c ?? s})`));
      },
      onOutput: (text) => {
        if (verbose) process.stderr.write(`[code-server] ${text}`);
        // What code-server says about our extension, e.g. "Extension is not compatible".
        else for (const line of text.split('\n')) if (line.includes(`[${devPath}]`)) note(`code-server: ${line.trim()}`);
      },
    }),
    browserReady,
  ]);
  note(`code-server on 127.0.0.1:${port}`);

  const extHostStarted = streamExtHostLog(extHostLog);
  const url = workbenchUrl({ port, folder, extensionDevelopmentPath: devPath });
  if (verbose) note(`open ${url}`);
  state.page = await openWorkbench(browser, url, {
    console: (type, text) => verbose && process.stderr.write(`[browser ${type}] ${text}\n`),
    crash: () => void finish(3, 'the browser page crashed'),
  }, STARTUP_MS);
  note('workbench rendered');
  const startWatch = setTimeout(() => {
    if (!extHostStarted()) void finish(3, `the extension host did not start within ${STARTUP_MS / 1000}s (try --verbose)`);
    else if (!testsPid) void finish(3, `the test host extension did not start the tests within ${STARTUP_MS / 1000}s (try --verbose)`);
  }, STARTUP_MS);

  const code = await exited;
  clearTimeout(startWatch);
  if (state.shots === 0 || code !== 0) await screenshot('final').catch((e) => note(`final screenshot failed: ${e.message}`));
  await finish(code, `tests finished with exit code ${code}`);
}

main().catch((err) => {
  if (err instanceof UsageError) return finish(2, err.message);
  return finish(3, `setup failed: ${verbose ? err?.stack ?? err : err?.message ?? err}`);
});
