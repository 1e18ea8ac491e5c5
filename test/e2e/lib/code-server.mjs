// Starting code-server (VS Code 1.100.3 in a browser) for the e2e runner and `npm start`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { URLSearchParams, fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, httpStatus, sleep, stopGroup } from './procs.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PRELOAD = path.join(HERE, 'exthost-preload.cjs');
const CODE_SERVER_DIR = path.resolve(HERE, '..', 'workbench', 'node_modules', 'code-server');

export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'git.openRepositoryInParentFolders': 'never',
};

/** Entry point of the code-server installed by scripts/setup-e2e.sh; throws when it is missing. */
export function codeServerEntry() {
  const pkgFile = path.join(CODE_SERVER_DIR, 'package.json');
  if (!fs.existsSync(path.join(CODE_SERVER_DIR, 'lib', 'vscode', 'node_modules'))) {
    throw new Error(`code-server is not installed in ${path.dirname(CODE_SERVER_DIR)}: run 'bash scripts/setup-e2e.sh'`);
  }
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  return { entry: path.join(CODE_SERVER_DIR, pkg.main || 'out/node/entry.js'), version: pkg.version };
}

/** Creates the private folders (HOME, XDG, TMPDIR, user data, logs) under `base` and writes user settings. */
export function prepareDirs(base, extraSettings = {}) {
  const dirs = Object.fromEntries(
    ['home', 'xdg-data', 'xdg-config', 'xdg-cache', 'tmp', 'user-data', 'extensions', 'logs']
      .map((name) => [name.replace(/-(\w)/g, (_, c) => c.toUpperCase()), path.join(base, name)]),
  );
  for (const dir of Object.values(dirs)) fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync(path.join(dirs.userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'),
    JSON.stringify({ ...DEFAULT_SETTINGS, ...extraSettings }, null, 2));
  return dirs;
}

/**
 * Environment for code-server and everything it starts: private HOME/XDG/TMPDIR,
 * no variables of an enclosing VS Code, and the preload (see exthost-preload.cjs).
 */
export function codeServerEnv(dirs, extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE' || key.startsWith('FLYTE_E2E_')) delete env[key];
  }
  delete env.PORT; // code-server would read it as its port
  const nodeOptions = process.env.NODE_OPTIONS;
  Object.assign(env, {
    HOME: dirs.home,
    XDG_DATA_HOME: dirs.xdgData,
    XDG_CONFIG_HOME: dirs.xdgConfig,
    XDG_CACHE_HOME: dirs.xdgCache,
    TMPDIR: dirs.tmp,
    FLYTE_E2E_WATCH_STDIN: '1',
    NODE_OPTIONS: `${nodeOptions ? nodeOptions + ' ' : ''}--require ${JSON.stringify(PRELOAD)}`,
  });
  if (nodeOptions !== undefined) env.FLYTE_E2E_ORIGINAL_NODE_OPTIONS = nodeOptions;
  return { ...env, ...extra };
}

/**
 * Starts code-server as the leader of its own process group and waits for /healthz.
 * Its stdin stays a pipe from us: the preload ends the group when it closes, so
 * nothing outlives a parent killed with SIGKILL. Resolves { child, port }.
 */
export async function startCodeServer({ dirs, env, host = '127.0.0.1', port, timeoutMs, onOutput, onSpawn }) {
  const { entry } = codeServerEntry();
  for (let attempt = 1; ; attempt++) {
    const usePort = port ?? (await freePort(host));
    const logPath = path.join(dirs.logs, `code-server-${attempt}.log`);
    const log = fs.createWriteStream(logPath);
    const child = spawn(process.execPath, [
      entry,
      '--bind-addr', `${host}:${usePort}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir', dirs.userData,
      '--extensions-dir', dirs.extensions,
    ], { cwd: dirs.home, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    onSpawn?.(child);
    let exited;
    child.on('exit', (code, signal) => (exited = { code, signal }));
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        log.write(chunk);
        onOutput?.(String(chunk));
      });
    }
    const deadline = Date.now() + timeoutMs;
    while (!exited && Date.now() < deadline) {
      if ((await httpStatus(`http://${host}:${usePort}/healthz`)) === 200) return { child, port: usePort, logPath };
      await sleep(200);
    }
    await stopGroup(child.pid, 1_000);
    const text = fs.readFileSync(logPath, 'utf8');
    if (exited && port === undefined && /EADDRINUSE/.test(text) && attempt < 3) continue;
    throw new Error(`code-server ${exited ? `exited (${JSON.stringify(exited)})` : 'did not answer /healthz'}` +
      ` during startup; last lines of ${logPath}:\n${text.split('\n').slice(-30).join('\n')}`);
  }
}

/**
 * The workbench URL. The extension lives on the code-server side, so the payload addresses
 * it as vscode-remote://<host:port>/<path>: a plain path would make the browser workbench
 * look for a local extension host, which it does not have. No extensionTestsPath: it would
 * put the workbench in extension-test mode, which refuses dialogs (see test-host.mjs).
 */
export function workbenchUrl({ host = '127.0.0.1', port, folder, extensionDevelopmentPath }) {
  const remote = (p) => `vscode-remote://${host}:${port}${pathToFileURL(p).pathname}`;
  const payload = [['extensionDevelopmentPath', remote(extensionDevelopmentPath)]];
  const query = new URLSearchParams();
  if (folder) query.set('folder', folder);
  else query.set('ew', 'true');
  query.set('payload', JSON.stringify(payload));
  return `http://${host}:${port}/?${query}`;
}
