// flyte-cache: the engine for CI and pre-commit, and the explorer's store from a terminal.
// Exit codes: 0 clean, 1 problems reported, 2 usage or internal error.
import { UsageError } from './args';
import { importCache, listEntries } from './cache';
import { check } from './check';
import { listRules, showRule } from './rules';

const HELP = `Usage: flyte-cache <command> [options]

Commands:
  check [PATH...]              Report Flyte cache misconfigurations in Python files
      --format text|json       Output format (default: text)
      --default-cache-policy none|function-body
                               "function-body" when a plugin (Union) supplies a default
                               cache policy, so cache=True alone is valid
  import [CACHE_DIR_OR_DB]     Import flytekit's local cache (default ~/.flyte/local-cache)
      --store PATH             Store file (default: $FLYTE_CACHE_STORE, else
                               ~/.local/share/flyte-cache-inspector/store.sqlite)
  ls                           List imported cache entries
      --store PATH  --task NAME  --format text|json
  rules                        List the rules
  rule CODE                    Show a rule's documentation

Exit codes: 0 nothing reported, 1 problems reported, 2 usage or internal error.
`;

export async function main(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await check(rest, out);
      case 'import':
        return await importCache(rest, out, err);
      case 'ls':
        return await listEntries(rest, out, err);
      case 'rules':
        return listRules(out);
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

if (require.main === module) {
  void main(process.argv.slice(2), (s) => process.stdout.write(s), (s) => process.stderr.write(s)).then((code) => {
    process.exitCode = code;
  });
}
