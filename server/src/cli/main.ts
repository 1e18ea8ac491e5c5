// flyte-cache: the engine for CI and pre-commit, and the explorer's store from a terminal.
// Exit codes: 0 clean, 1 problems reported, 2 usage or internal error.
import * as readline from 'node:readline/promises';
import { UsageError } from './args';
import { importCache, listEntries } from './cache';
import { bump } from './bump';
import { check } from './check';
import { evict } from './evict';
import { showHistory, showStats } from './history';
import { record } from './record';
import { importExecutions, sync } from './remote';
import { listRules, showRule } from './rules';

const HELP = `Usage: flyte-cache <command> [options]

Commands:
  check [PATH...]              Report Flyte cache misconfigurations in Python files
      --format text|json|sarif Output format (default: text)
      --fix                    Apply safe fixes in place, then report what remains
      --select CODES           Only these rules: comma list of codes or prefixes (FC1, ALL)
      --ignore CODES           Skip these rules (codes or prefixes)
      --baseline REF           Compare with the files at a git ref (FC401/FC402)
      --stdin-filename NAME    Read the source from stdin and report it as NAME; with --fix,
                               print the fixed source to stdout and the report to stderr
      --default-cache-policy none|function-body
                               "function-body" when a plugin (Union) supplies a default
                               cache policy, so cache=True alone is valid
  bump FILE --task NAME | --line N [--dry-run]
                               Bump a task's cache version ("1.0" -> "1.1")
  import [CACHE_DIR_OR_DB]     Import flytekit's local cache (default ~/.flyte/local-cache)
      --store PATH             Store file (default: $FLYTE_CACHE_STORE, else
                               ~/.local/share/flyte-cache-inspector/store.sqlite)
      --force                  Read it even when unchanged since the last import
  evict (--task NAME [--version V] | --key KEY)
                               Delete entries from the local cache with your Python's
                               diskcache (lists them, asks on a terminal); records
                               \`evicted\` events in the store
      --cache-dir DIR          Local cache folder (default ~/.flyte/local-cache)
      --python PATH            Interpreter with diskcache installed (default python3)
      --yes                    Do not ask (required when stdin is not a terminal)
      --store PATH             Store file, as for import
  ls                           List imported cache entries
      --store PATH  --task NAME  --format text|json
  history                      List recorded cache lookups, newest first
      --store PATH  --task NAME  --format text|json
  stats                        Hits, misses, hit rate and time saved per task
      --store PATH  --format text|json
  record [--store PATH] -- COMMAND...
                               Run COMMAND (e.g. pyflyte run wf.py wf) with flytekit's
                               cache log on, and record each cache lookup; exits with
                               COMMAND's exit code
  import-executions FILE.json [--store PATH]
                               Import cache statuses from node executions (flytectl
                               \`get execution ... -o json\` or Flyte Admin JSON)
  sync --endpoint URL --project P --domain D [--execution NAME] [--store PATH]
                               Read cache statuses from Flyte Admin's REST API (without
                               --execution: the newest --max-executions, default 20)
      --max-executions N       Without --execution: how many (default 20)
      --timeout SECONDS        Per request (default 30)
  rules [--format json]        List the rules
  rule CODE                    Show a rule's documentation

Exit codes: 0 nothing reported, 1 problems reported, 2 usage or internal error.
`;

export async function main(
  argv: readonly string[],
  out: (s: string) => void,
  err: (s: string) => void,
  readStdin: () => Promise<string> = readProcessStdin,
): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest, { out, err, readStdin });
      case 'bump':
        return await bump(rest, out);
      case 'import':
        return await importCache(rest, out, err);
      case 'evict':
        return await evict(rest, { out, err, confirm: process.stdin.isTTY ? askOnTerminal : undefined });
      case 'ls':
        return await listEntries(rest, out, err);
      case 'history':
        return await showHistory(rest, out, err);
      case 'stats':
        return await showStats(rest, out, err);
      case 'record':
        return await record(rest, { stdout: process.stdout, stderr: process.stderr, err });
      case 'import-executions':
        return await importExecutions(rest, out, err);
      case 'sync':
        return await sync(rest, out, err);
      case 'rules':
        return listRules(rest, out);
      case 'rule':
        return showRule(rest[0], out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        out(HELP);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      err(`flyte-cache: ${e.message}\nRun \`flyte-cache --help\` for usage.\n`);
    } else {
      err(`flyte-cache: ${e instanceof Error ? e.message : String(e)}\n`);
    }
    return 2;
  }
}

async function askOnTerminal(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

if (require.main === module) {
  void main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => {
    process.exitCode = code;
  });
}
