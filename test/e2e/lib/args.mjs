// Command-line parsing for test/e2e/run.mjs: `--name=value` or `--name value`.
export const USAGE = `Usage: node test/e2e/run.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [options]

  --extensionDevelopmentPath=DIR  the extension under test
  --extensionTestsPath=FILE       compiled test entry exporting run(): Promise<void>
  --workspace=DIR                 folder to open; copied into the run's temp folder first
  --screenshot=DIR                enables screenshots, saved as DIR/NAME.png
  --timeout=SECONDS               hard limit for the whole run (default 600)
  --env K=V                       extra environment for code-server and the tests (repeatable)
  --settings FILE                 VS Code user settings (JSON) merged over the defaults
  --verbose                       also print code-server output, workbench log, browser console
  --keep-temp                     keep the run's temp folder after a passing run
  --chromium=PATH                 browser binary (default /usr/bin/chromium)

Exit code: the tests' (0 = passed); 2 bad usage; 3 setup failure; 124 timeout; 128+N signal N.`;

const VALUES = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'workspace', 'screenshot',
  'timeout', 'settings', 'chromium']);
const FLAGS = new Set(['verbose', 'keepTemp', 'help']);

export class UsageError extends Error {}

export function parseArgs(argv) {
  const opts = { env: {}, timeout: '600', chromium: '/usr/bin/chromium' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument ${arg}`);
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg.slice(2) : arg.slice(2, eq)).replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const inline = eq < 0 ? undefined : arg.slice(eq + 1);
    if (FLAGS.has(name)) {
      opts[name] = inline === undefined || !/^(0|false|no)$/i.test(inline);
      continue;
    }
    if (!VALUES.has(name) && name !== 'env') throw new UsageError(`unknown option --${name}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    if (name === 'env') {
      const kv = value.indexOf('=');
      if (kv <= 0) throw new UsageError(`--env wants K=V, got ${value}`);
      opts.env[value.slice(0, kv)] = value.slice(kv + 1);
    } else {
      opts[name] = value;
    }
  }
  if (opts.help) return opts;
  if (!opts.extensionDevelopmentPath) throw new UsageError('--extensionDevelopmentPath is required');
  if (!opts.extensionTestsPath) throw new UsageError('--extensionTestsPath is required');
  opts.timeout = Number(opts.timeout);
  if (!(opts.timeout > 0)) throw new UsageError('--timeout must be a positive number of seconds');
  return opts;
}
