// `flyte-cache history [--task NAME] [--store PATH] [--format text|json]` and
// `flyte-cache stats [--store PATH] [--format text|json]`
import type { HistoryEvent, TaskStats } from '../store';
import { choice, parseArgs } from './args';
import { openStore } from './cache';

export interface JsonHistoryEvent {
  task: string;
  version: string;
  hash: string | null;
  status: string;
  source: string;
  execution: string | null;
  /** ISO 8601. */
  time: string;
  durationMs: number | null;
}

export async function showHistory(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['store', 'format', 'task'], []);
  const format = choice(args.options.get('format'), ['text', 'json'] as const, 'text', 'format');
  const task = args.options.get('task');
  const store = await openStore(args.options.get('store'), err);
  try {
    const events = store.history(task === undefined ? {} : { task }).map(toJson);
    if (format === 'json') out(`${JSON.stringify(events, null, 2)}\n`);
    else if (events.length === 0) out(`No history${task === undefined ? '' : ` for ${task}`} in ${store.file}. Run \`flyte-cache record -- pyflyte run ...\` or \`flyte-cache sync\` first.\n`);
    else out(table(['time', 'status', 'task', 'version', 'inputs', 'source', 'execution', 'duration'], events.map(historyRow)));
    return 0;
  } finally {
    store.close();
  }
}

export async function showStats(argv: readonly string[], out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['store', 'format'], []);
  const format = choice(args.options.get('format'), ['text', 'json'] as const, 'text', 'format');
  const store = await openStore(args.options.get('store'), err);
  try {
    const stats = store.stats();
    if (format === 'json') out(`${JSON.stringify(stats, null, 2)}\n`);
    else if (stats.length === 0) out(`No cache entries or history in ${store.file}.\n`);
    else out(table(['task', 'entries', 'hits', 'misses', 'hit rate', 'time saved'], stats.map(statsRow)));
    return 0;
  } finally {
    store.close();
  }
}

function toJson(e: HistoryEvent): JsonHistoryEvent {
  return {
    task: e.task,
    version: e.version,
    hash: e.hash,
    status: e.status,
    source: e.source,
    execution: e.execution,
    time: new Date(e.time * 1000).toISOString(),
    durationMs: e.durationMs,
  };
}

function historyRow(e: JsonHistoryEvent): string[] {
  return [e.time, e.status, e.task, e.version, e.hash ?? '-', e.source, e.execution ?? '-', e.durationMs === null ? '-' : formatMs(e.durationMs)];
}

function statsRow(s: TaskStats): string[] {
  return [s.task, String(s.entries), String(s.hits), String(s.misses), s.hitRate === null ? '-' : `${(s.hitRate * 100).toFixed(1)}%`, formatMs(s.timeSavedMs)];
}

/** 850 ms, 12.3 s, 4 min 5 s, 2 h 3 min. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const totalS = Math.round(s);
  if (totalS < 3600) return `${Math.floor(totalS / 60)} min ${totalS % 60} s`;
  return `${Math.floor(totalS / 3600)} h ${Math.floor((totalS % 3600) / 60)} min`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
