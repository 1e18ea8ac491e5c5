// Flyte Admin node executions → history events. Accepts Admin's REST JSON (snake_case,
// enums as names or numbers) and flytectl's `-o json` (lowerCamelCase, zero values omitted),
// as a list, a `node_executions` page, one node execution, or anything nesting them.
// flyteidl admin/node_execution.proto: closure.task_node_metadata.{cache_status, catalog_key};
// core/catalog.proto: CatalogCacheStatus, CatalogMetadata{dataset_id, artifact_tag, source_task_execution}.
import type { HistoryEvent, HistoryStatus } from '../store';

/** CatalogCacheStatus, by number and by name. */
const STATUS_BY_NUMBER: readonly HistoryStatus[] = ['disabled', 'miss', 'hit', 'populated', 'lookup_failure', 'put_failure', 'skipped', 'evicted'];

export function cacheStatus(value: unknown): HistoryStatus | undefined {
  if (value === undefined || value === null) return 'disabled'; // the zero value, omitted by flytectl
  if (typeof value === 'number') return STATUS_BY_NUMBER[value];
  if (typeof value === 'string') {
    if (/^\d+$/.test(value)) return STATUS_BY_NUMBER[Number(value)];
    const name = /^CACHE_([A-Z_]+)$/.exec(value)?.[1]?.toLowerCase();
    return STATUS_BY_NUMBER.find((s) => s === name);
  }
  return undefined;
}

export interface NodeExecutionImport {
  events: HistoryEvent[];
  /** Task node executions that name no task (no catalog key: caching off or never looked up). */
  withoutTask: number;
  /** Node executions that are not task nodes (workflow, branch, gate nodes). */
  notTaskNodes: number;
  warnings: string[];
}

export function nodeExecutionEvents(json: unknown): NodeExecutionImport {
  const result: NodeExecutionImport = { events: [], withoutTask: 0, notTaskNodes: 0, warnings: [] };
  for (const node of findNodeExecutions(json)) addNode(node, result);
  return result;
}

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `snake_name` or its lowerCamelCase form. */
function field(o: unknown, snake: string): unknown {
  if (!isObj(o)) return undefined;
  if (snake in o) return o[snake];
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return o[camel];
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function looksLikeNodeExecution(o: Obj): boolean {
  const id = field(o, 'id');
  return isObj(id) && field(id, 'node_id') !== undefined && field(id, 'execution_id') !== undefined && isObj(field(o, 'closure'));
}

function* findNodeExecutions(value: unknown): Generator<Obj> {
  if (Array.isArray(value)) {
    for (const item of value) yield* findNodeExecutions(item);
  } else if (isObj(value)) {
    if (looksLikeNodeExecution(value)) {
      yield value;
      return;
    }
    for (const child of Object.values(value)) yield* findNodeExecutions(child);
  }
}

function addNode(node: Obj, result: NodeExecutionImport): void {
  const id = field(node, 'id');
  const executionId = field(id, 'execution_id');
  const execution = [field(executionId, 'project'), field(executionId, 'domain'), field(executionId, 'name'), field(id, 'node_id')].map((p) => String(p ?? '')).join('/');
  const closure = field(node, 'closure');
  const meta = field(closure, 'task_node_metadata');
  if (!isObj(meta)) {
    result.notTaskNodes++;
    return;
  }
  const rawStatus = field(meta, 'cache_status');
  const status = cacheStatus(rawStatus);
  if (status === undefined) {
    result.warnings.push(`${execution}: unknown cache status ${JSON.stringify(rawStatus)}`);
    return;
  }
  const key = field(meta, 'catalog_key');
  const dataset = field(key, 'dataset_id');
  const sourceTask = field(field(key, 'source_task_execution'), 'task_id');
  const task = datasetTask(str(field(dataset, 'name'))) ?? str(field(sourceTask, 'name'));
  if (task === undefined) {
    result.withoutTask++;
    return;
  }
  const tag = field(field(key, 'artifact_tag'), 'name');
  const time = timestamp(field(closure, 'started_at')) ?? timestamp(field(closure, 'created_at')) ?? timestamp(field(closure, 'updated_at'));
  if (time === undefined) {
    result.warnings.push(`${execution}: no start time`);
    return;
  }
  result.events.push({
    task,
    version: datasetVersion(str(field(dataset, 'version'))) ?? '',
    hash: str(tag)?.replace(/^flyte_cached-/, '') ?? null,
    status,
    source: 'remote',
    execution,
    time,
    durationMs: duration(field(closure, 'duration')),
  });
}

/** Datacatalog names a task's dataset `flyte_task-<task name>` (flytepropeller catalog/datacatalog/transformer.go). */
function datasetTask(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  return name.startsWith('flyte_task-') ? name.slice('flyte_task-'.length) : name;
}

/** The dataset version is `<cache version>-<8 chars inputs signature>-<8 chars outputs signature>`; keep the cache version. */
export function datasetVersion(version: string | undefined): string | undefined {
  if (version === undefined) return undefined;
  const n = version.length;
  if (n > 18 && version[n - 18] === '-' && version[n - 9] === '-') return version.slice(0, n - 18);
  return version;
}

/** RFC 3339 (JSON) or {seconds, nanos} → Unix seconds. */
function timestamp(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms / 1000;
  }
  if (isObj(value) && value['seconds'] !== undefined) return Number(value['seconds']) + Number(value['nanos'] ?? 0) / 1e9;
  return undefined;
}

/** protobuf JSON Duration "12.345s" (or {seconds, nanos}) → ms. */
function duration(value: unknown): number | null {
  if (typeof value === 'string') {
    const m = /^(-?\d+(?:\.\d+)?)s$/.exec(value);
    return m ? Math.round(Number(m[1]) * 1000) : null;
  }
  if (isObj(value)) return Math.round((Number(value['seconds'] ?? 0) + Number(value['nanos'] ?? 0) / 1e9) * 1000);
  return null;
}
