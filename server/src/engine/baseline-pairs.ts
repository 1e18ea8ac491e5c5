// Pairs each cached task of a file with the same task in the file's baseline (git HEAD by default),
// for the staleness rules. A pair exists only when everything the comparison needs is known in both:
// caching on, a literal or constant version, no syntax error, one task per path.
import type { Argument } from './syntax/arguments';
import { type CacheConfig, cacheConfig, effectiveKeyword, type KnownVersion } from './syntax/cache-config';
import type { FlyteModule, TaskDecl } from './syntax/tasks';
import { normalizedNode, taskPath, type TaskShape, taskShape } from './task-body';

export interface TaskSide {
  readonly task: TaskDecl;
  readonly config: CacheConfig;
  readonly version: KnownVersion;
  /** The version argument's value in this file: the literal, or the constant's name. */
  readonly versionArg: Argument;
  readonly shape: TaskShape;
  /** The ignored inputs as written (normalized), "" when none: they change which inputs are keyed. */
  readonly ignoredInputs: string;
}

export interface TaskPair {
  readonly path: string;
  readonly current: TaskSide;
  readonly baseline: TaskSide;
}

const cache = new WeakMap<FlyteModule, WeakMap<FlyteModule, TaskPair[]>>();

export function baselinePairs(module: FlyteModule, baseline: FlyteModule): TaskPair[] {
  let byBaseline = cache.get(module);
  if (!byBaseline) cache.set(module, (byBaseline = new WeakMap()));
  let pairs = byBaseline.get(baseline);
  if (!pairs) byBaseline.set(baseline, (pairs = computePairs(module, baseline)));
  return pairs;
}

function computePairs(module: FlyteModule, baseline: FlyteModule): TaskPair[] {
  const before = sidesByPath(baseline);
  const pairs: TaskPair[] = [];
  for (const [path, current] of sidesByPath(module)) {
    const old = before.get(path);
    if (!current || !old || current.task.sdk !== old.task.sdk || current.task.kind !== old.task.kind) continue;
    pairs.push({ path, current, baseline: old });
  }
  return pairs;
}

/** Tasks by path; a path defined twice (branches, redefinitions) maps to undefined: ambiguous. */
function sidesByPath(module: FlyteModule): Map<string, TaskSide | undefined> {
  const sides = new Map<string, TaskSide | undefined>();
  for (const task of module.tasks) {
    const path = taskPath(module.doc.text, task);
    sides.set(path, sides.has(path) ? undefined : side(module, task));
  }
  return sides;
}

function side(module: FlyteModule, task: TaskDecl): TaskSide | undefined {
  if (task.broken) return undefined;
  const config = cacheConfig(module, task);
  if (config.opaque || config.cache !== 'on' || config.version.kind !== 'known') return undefined;
  const shape = taskShape(module.doc.text, task);
  if (!shape) return undefined;
  const ignored = ignoredInputs(module, task, config);
  if (ignored === undefined) return undefined;
  return { task, config, version: config.version.version, versionArg: config.version.arg, shape, ignoredInputs: ignored };
}

function ignoredInputs(module: FlyteModule, task: TaskDecl, config: CacheConfig): string | undefined {
  const args = config.cacheObject?.arguments.args;
  // flytekit Cache(version, serialize, ignored_inputs, ...); flyte.Cache(behavior, version_override, serialize, ignored_inputs, ...).
  const position = task.sdk === 'flyte2' ? 3 : 2;
  const arg =
    args?.find((a) => a.kind === 'keyword' && a.name === 'ignored_inputs') ??
    args?.filter((a) => a.kind === 'positional')[position] ??
    (task.sdk === 'flyte2' ? undefined : effectiveKeyword(task, 'cache_ignore_input_vars')?.arg);
  if (!arg) return '';
  return arg.value ? normalizedNode(arg.value, module.doc.text) : undefined;
}
