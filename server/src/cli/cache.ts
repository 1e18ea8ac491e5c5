// `flyte-cache import [CACHE_DIR_OR_DB] [--store PATH] [--force]` and `flyte-cache ls [--store PATH] [--task NAME] [--format text|json]`
import * as os from 'node:os';
import * as path from 'node:path';
import { importLocalCache } from '../local-cache/import-local';
import { CacheStore, defaultStorePath, JsonValue } from '../store';
import { choice, parseArgs } from './args';

export interface JsonEntry {
  task: string;
  version: string;
  hash: string;
  /** ISO 8601; null when the cache kept no store time (Flyte 2's task_cache). */
  storedAt: string | null;
  size: number;
  outputs: Record<string, JsonValue> | null;
  legacy: boolean;
}

/** Opens the store named by --store (or the default), printing any warning. */
export async function openStore(file: string | undefined, err: (s: string) => void, options: { deferCreate?: boolean } = {}): Promise<CacheStore> {
  const { store, warning } = await CacheStore.open(file ? path.resolve(file) : defaultStorePath(), options);
  if (warning) err(`warning: ${warning}\n`);
  return store;
}

export async function importCache(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['store'], ['force']);
  const source = args.positionals[0] ?? path.join(os.homedir(), '.flyte', 'local-cache');
  // Saved right after the import: a new store is written once, then.
  const store = await openStore(args.options.get('store'), err, { deferCreate: true });
  try {
    const result = await importLocalCache(store, source, { force: args.flags.has('force') });
    await store.save();
    for (const w of result.warnings) err(`warning: ${w}\n`);
    const legacy = result.legacy ? ` (${result.legacy} legacy)` : '';
    out(
      result.unchanged
        ? `Unchanged since the last import: ${result.imported} cache entries${legacy} from ${result.source} in ${store.file} (--force reads it again)\n`
        : `Imported ${result.imported} cache entries${legacy} from ${result.source} into ${store.file}\n`,
    );
    return 0;
  } finally {
    store.close();
  }
}

export async function listEntries(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['store', 'format', 'task'], []);
  const format = choice(args.options.get('format'), ['text', 'json'] as const, 'text', 'format');
  const task = args.options.get('task');
  const store = await openStore(args.options.get('store'), err);
  try {
    const entries: JsonEntry[] = store
      .allEntries()
      .filter((e) => task === undefined || e.task === task)
      .map((e) => ({
        task: e.task,
        version: e.version,
        hash: e.hash,
        storedAt: isoTime(e.storedAt),
        size: e.size,
        outputs: e.outputs,
        legacy: e.legacy,
      }));
    if (format === 'json') {
      out(`${JSON.stringify(entries, null, 2)}\n`);
    } else if (entries.length === 0) {
      out(`No cache entries in ${store.file}. Run \`flyte-cache import\` first.\n`);
    } else {
      out(renderText(entries));
    }
    return 0;
  } finally {
    store.close();
  }
}

function renderText(entries: JsonEntry[]): string {
  const lines: string[] = [];
  let lastTask = '';
  let lastVersion = '';
  for (const e of entries) {
    if (e.task !== lastTask) {
      lines.push(e.task);
      lastTask = e.task;
      lastVersion = '';
    }
    if (e.version !== lastVersion) {
      lines.push(`  version ${e.version}`);
      lastVersion = e.version;
    }
    const outputs = e.legacy ? 'legacy entry, not decodable' : e.outputs === null ? 'outputs not decodable' : truncate(JSON.stringify(e.outputs), 100);
    lines.push(`    ${e.hash}  ${e.storedAt ?? 'time unknown'}  ${e.size} B  ${outputs}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Unix seconds as ISO 8601; null for an unknown time (0 or less: Flyte 2 rows keep none). */
export function isoTime(unixSeconds: number): string | null {
  return Number.isFinite(unixSeconds) && unixSeconds > 0 ? new Date(unixSeconds * 1000).toISOString() : null;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
