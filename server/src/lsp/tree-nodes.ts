// Tree rows of the cache explorer, built from store summaries, statistics and the code index.
import type { TreeNode, TreeSort } from '../../../protocol/src/protocol';
import type { CacheEntryRecord, HistoryEvent, TaskStats, TaskSummary, VersionSummary } from '../store';
import { type CodeTask, locationOf } from './code-index';
import { describeBytes, describeTime, describeValue } from './format';
import { formatDuration, percent } from './stats-format';

/** A task row's data: the store's summary (zeros when only history knows the task) and its statistics. */
export interface TaskRow {
  summary: TaskSummary;
  stats: TaskStats | undefined;
  /** Unix seconds of the newest event, 0 when none. */
  lastEvent: number;
  events: number;
  code: CodeTask | undefined;
}

export function filterAndSort(rows: TaskRow[], filter: string | undefined, sort: TreeSort | undefined): TaskRow[] {
  const needle = (filter ?? '').trim().toLowerCase();
  const kept = needle ? rows.filter((r) => r.summary.task.toLowerCase().includes(needle)) : [...rows];
  const byName = (a: TaskRow, b: TaskRow) => (a.summary.task < b.summary.task ? -1 : a.summary.task > b.summary.task ? 1 : 0);
  const recency = (r: TaskRow) => Math.max(r.summary.lastStored || 0, r.lastEvent);
  const key: Record<TreeSort, (r: TaskRow) => number> = {
    name: () => 0,
    hits: (r) => -(r.stats?.hits ?? 0),
    size: (r) => -r.summary.size,
    recency: (r) => -recency(r),
  };
  const k = key[sort ?? 'name'];
  return kept.sort((a, b) => k(a) - k(b) || byName(a, b));
}

export function taskNode(row: TaskRow): TreeNode {
  const { summary: t, stats, code } = row;
  const rate = stats?.hitRate ?? null;
  const second = rate === null ? plural(t.versions, 'version', 'versions') : `${percent(rate)} hits`;
  const lines = [
    `**${md(t.task)}**`,
    '',
    `${plural(t.entries, 'cache entry', 'cache entries')} in ${plural(t.versions, 'version', 'versions')}, ${describeBytes(t.size)}`,
    `Last stored ${t.lastStored ? describeTime(t.lastStored) : 'never (known from history only)'}`,
  ];
  if (stats && stats.hits + stats.misses > 0) {
    lines.push(`${stats.hits} hits, ${stats.misses} misses (${percent(rate ?? 0)}), time saved ${formatDuration(stats.timeSavedMs)}`);
  }
  lines.push(code ? `Defined in code: \`${md(code.qualified)}\`${code.version === undefined ? '' : `, version \`${md(code.version)}\``}` : 'Not found in the workspace code');
  return {
    kind: 'task',
    id: `task:${t.task}`,
    label: t.task,
    description: `${plural(t.entries, 'entry', 'entries')} · ${second}`,
    tooltip: lines.join('  \n'),
    markdownTooltip: true,
    hasChildren: t.entries > 0 || row.events > 0,
    task: t.task,
    ...(code ? { location: locationOf(code) } : {}),
  };
}

export function historyNode(task: string, events: number): TreeNode {
  return {
    kind: 'history',
    id: `history:${task}`,
    label: 'History',
    description: plural(events, 'event', 'events'),
    tooltip: `Cache lookups of ${task}, newest first`,
    hasChildren: events > 0,
    task,
  };
}

const STATUS_ICONS: Record<string, [string, string]> = {
  hit: ['pass-filled', 'testing.iconPassed'],
  miss: ['circle-large-outline', 'testing.iconFailed'],
  populated: ['add', 'charts.blue'],
  overwrite: ['replace', 'charts.yellow'],
  evicted: ['trash', 'charts.orange'],
  lookup_failure: ['error', 'testing.iconErrored'],
  put_failure: ['error', 'testing.iconErrored'],
};

export function eventNode(e: HistoryEvent, index: number): TreeNode {
  const [icon, color] = STATUS_ICONS[e.status] ?? ['circle-small', 'descriptionForeground'];
  const duration = e.durationMs === null ? '' : ` · ${formatDuration(e.durationMs)}`;
  return {
    kind: 'event',
    id: `event:${e.task}\u0000${e.time}\u0000${index}`,
    label: describeTime(e.time),
    description: `${e.status} · ${e.version || '?'} · ${e.source}${duration}`,
    tooltip: [`${e.status} of ${e.task}, version ${e.version || 'unknown'}`, `Inputs ${e.hash ?? 'unknown'}`, `Source ${e.source}${e.execution ? ` (${e.execution})` : ''}`,
      ...(e.durationMs === null ? [] : [`Duration ${formatDuration(e.durationMs)}`])].join('\n'),
    hasChildren: false,
    task: e.task,
    version: e.version,
    icon,
    iconColor: color,
  };
}

export function versionNode(v: VersionSummary, code: CodeTask | undefined): TreeNode {
  const state = code?.version === undefined ? undefined : code.version === v.version ? 'current' : 'orphaned';
  const mark = state === 'current' ? ' · current' : state === 'orphaned' ? ' · orphaned' : '';
  const why = state === 'current' ? '\nThe version in code now' : state === 'orphaned' ? `\nOrphaned: the code now uses version ${code!.version}; these entries are never looked up again` : '';
  return {
    kind: 'version',
    id: `version:${v.task}\u0000${v.version}`,
    label: v.version,
    description: `${plural(v.entries, 'entry', 'entries')} · ${describeBytes(v.size)}${mark}`,
    tooltip: `Cache version ${v.version} of ${v.task}\nLast stored ${describeTime(v.lastStored)}${why}`,
    hasChildren: v.entries > 0,
    task: v.task,
    version: v.version,
    ...(state ? { versionState: state } : {}),
  };
}

export function entryNode(e: CacheEntryRecord): TreeNode {
  const outputs = e.outputs ?? {};
  const names = Object.keys(outputs);
  const state = e.legacy ? 'legacy entry, not decodable' : e.outputs === null ? 'outputs not decodable' : plural(names.length, 'output', 'outputs');
  return {
    kind: 'entry',
    id: `entry:${e.key}`,
    label: e.hash.slice(0, 12),
    description: `${describeTime(e.storedAt)} · ${describeBytes(e.size)} · ${state}`,
    tooltip: [`Inputs hash ${e.hash}`, `Key ${e.key}`, `Stored ${describeTime(e.storedAt)}`, `Size ${describeBytes(e.size)}`,
      ...(e.legacy ? ['Written by flytekit < 1.15 (pickled): listed, never unpickled'] : []),
      ...names.map((n) => `${n} = ${describeValue(outputs[n]!, 200)}`)].join('\n'),
    hasChildren: names.length > 0,
    task: e.task,
    version: e.version,
    hash: e.hash,
    outputs: names.map((n) => ({ name: n, value: describeValue(outputs[n]!, 120), full: describeValue(outputs[n]!, 4000) })),
  };
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Escapes Markdown's special characters in a name. */
function md(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, '\\$&');
}
