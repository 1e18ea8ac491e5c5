// `flyte-cache evict (--task NAME [--version V] | --key KEY) [--cache-dir DIR] [--python PATH] [--yes] [--store PATH]`
// Lists the matching entries, asks on a terminal (or takes --yes), then has the user's Python
// delete them with diskcache. cache.db is only ever written by diskcache, never by us.
import * as os from 'node:os';
import * as path from 'node:path';
import { EvictionError } from '../local-cache/diskcache-delete';
import { executeEviction, planEviction, type EvictionOutcome } from '../local-cache/evict';
import { describeTarget, type EvictTarget } from '../local-cache/evict-target';
import { parseArgs, UsageError } from './args';
import { isoTime, openStore } from './cache';

export interface EvictIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** Asks a yes/no question on the terminal; undefined when stdin is not a terminal. */
  confirm: ((question: string) => Promise<boolean>) | undefined;
}

export async function evict(argv: readonly string[], io: EvictIo): Promise<number> {
  const args = parseArgs(argv, ['task', 'version', 'key', 'cache-dir', 'python', 'store'], ['yes']);
  if (args.positionals.length > 0) throw new UsageError(`evict takes no positional arguments (got "${args.positionals[0]}")`);
  const target = targetFrom(args.options);
  const cacheDir = args.options.get('cache-dir') ?? path.join(os.homedir(), '.flyte', 'local-cache');
  const python = args.options.get('python') ?? 'python3';

  const plan = await planEviction(cacheDir, target);
  if (plan.entries.length === 0) {
    io.err(`flyte-cache: no cache entries match ${describeTarget(target)} in ${plan.source}\n`);
    return 1;
  }
  io.out(`${plural(plan.entries.length)} of ${describeTarget(target)} in ${plan.source} will be evicted:\n`);
  for (const e of plan.entries) io.out(`  ${e.task}  ${e.version}  ${e.hash}  ${isoTime(e.storedAt) ?? 'time unknown'}\n`);

  if (!args.flags.has('yes')) {
    if (!io.confirm) {
      io.err('flyte-cache: not evicting without confirmation: stdin is not a terminal, pass --yes\n');
      return 2;
    }
    if (!(await io.confirm(`Evict ${plural(plan.entries.length)}? [y/N] `))) {
      io.err('flyte-cache: cancelled, nothing evicted\n');
      return 1;
    }
  }

  const store = await openStore(args.options.get('store'), io.err);
  try {
    let outcome: EvictionOutcome;
    try {
      outcome = await executeEviction(plan, python, store);
    } catch (error) {
      if (!(error instanceof EvictionError)) throw error;
      io.err(`flyte-cache: ${error.message}\n  (--python PATH runs another interpreter; nothing was evicted)\n`);
      return 2;
    }
    await store.save();
    const gone = outcome.missing.length ? ` (${outcome.missing.length} already gone)` : '';
    io.out(`Evicted ${plural(outcome.removed.length)} from ${plan.source}${gone}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function targetFrom(options: Map<string, string>): EvictTarget {
  const task = options.get('task');
  const version = options.get('version');
  const key = options.get('key');
  if ((task === undefined) === (key === undefined)) throw new UsageError('evict needs exactly one of --task NAME (with an optional --version V) or --key KEY');
  if (key !== undefined) {
    if (version !== undefined) throw new UsageError('--version goes with --task, not --key');
    return { key };
  }
  return version === undefined ? { task: task! } : { task: task!, version };
}

function plural(n: number): string {
  return `${n} cache ${n === 1 ? 'entry' : 'entries'}`;
}
