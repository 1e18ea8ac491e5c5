// `flyte-cache import-executions FILE.json [--store PATH]` and
// `flyte-cache sync --endpoint URL --project P --domain D [--execution NAME] [--store PATH]`:
// cache statuses of Flyte node executions into the store's history.
import fs from 'node:fs';
import { AdminClient, AdminError } from '../history/admin-client';
import { nodeExecutionEvents, type NodeExecutionImport } from '../history/node-executions';
import { parseArgs, UsageError } from './args';
import { openStore } from './cache';

export async function importExecutions(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['store'], []);
  const file = args.positionals[0];
  if (file === undefined) throw new UsageError('import-executions needs a JSON file (flytectl `get execution ... -o json` or Admin node executions)');
  let json: unknown;
  try {
    json = JSON.parse(await fs.promises.readFile(file, 'utf8'));
  } catch (error) {
    err(`flyte-cache: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const found = nodeExecutionEvents(json);
  return save(found, file, args.options.get('store'), out, err);
}

export async function sync(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['store', 'endpoint', 'project', 'domain', 'execution', 'timeout', 'max-executions'], []);
  const need = (name: string): string => {
    const value = args.options.get(name);
    if (!value) throw new UsageError(`sync needs --${name}`);
    return value;
  };
  const endpoint = need('endpoint');
  const project = need('project');
  const domain = need('domain');
  const timeoutMs = seconds(args.options.get('timeout'), 30, 'timeout') * 1000;
  const maxExecutions = seconds(args.options.get('max-executions'), 20, 'max-executions');
  try {
    const client = new AdminClient({ endpoint, timeoutMs });
    const name = args.options.get('execution');
    const names = name !== undefined ? [name] : await client.executionNames(project, domain, maxExecutions);
    const nodes: unknown[] = [];
    for (const n of names) nodes.push(...(await client.nodeExecutions(project, domain, n)));
    const found = nodeExecutionEvents(nodes);
    return await save(found, `${names.length} execution${names.length === 1 ? '' : 's'} of ${project}/${domain} at ${endpoint}`, args.options.get('store'), out, err);
  } catch (error) {
    if (error instanceof AdminError) {
      err(`flyte-cache: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function save(found: NodeExecutionImport, from: string, storeFile: string | undefined, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  for (const w of found.warnings) err(`warning: ${w}\n`);
  const store = await openStore(storeFile, err);
  try {
    const added = store.addEvents(found.events);
    await store.save();
    const skipped = found.withoutTask > 0 ? ` (${found.withoutTask} task nodes without a cache key skipped)` : '';
    out(`Imported ${added} new of ${found.events.length} cache events from ${from} into ${store.file}${skipped}\n`);
    return 0;
  } finally {
    store.close();
  }
}

function seconds(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number (got "${value}")`);
  return n;
}
