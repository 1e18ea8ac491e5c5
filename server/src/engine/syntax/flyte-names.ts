// Qualified names of the SDK objects the engine recognizes. flytekit re-exports them at the top
// level; the defining modules are listed too for `from flytekit.core.task import task`.

export type Sdk = 'flytekit' | 'union' | 'flyte2';

export const TASK_DECORATORS: ReadonlyMap<string, { sdk: Sdk; kind: 'task' | 'dynamic' }> = new Map([
  ['flytekit.task', { sdk: 'flytekit', kind: 'task' }],
  ['flytekit.core.task.task', { sdk: 'flytekit', kind: 'task' }],
  ['flytekit.dynamic', { sdk: 'flytekit', kind: 'dynamic' }],
  ['flytekit.core.dynamic_workflow_task.dynamic', { sdk: 'flytekit', kind: 'dynamic' }],
  ['union.task', { sdk: 'union', kind: 'task' }],
  ['union.dynamic', { sdk: 'union', kind: 'dynamic' }],
  ['unionai.task', { sdk: 'union', kind: 'task' }],
  ['unionai.dynamic', { sdk: 'union', kind: 'dynamic' }],
] as const);

export const ENVIRONMENT_CLASSES: ReadonlyMap<string, Sdk> = new Map([
  ['flytekit.Environment', 'flytekit'],
  ['flytekit.core.environment.Environment', 'flytekit'],
  ['union.Environment', 'union'],
  ['flyte.TaskEnvironment', 'flyte2'],
] as const);

export const FLYTEKIT_CACHE_CLASSES = ['flytekit.Cache', 'flytekit.core.cache.Cache', 'union.Cache', 'unionai.Cache'];
export const FLYTE2_CACHE_CLASSES = ['flyte.Cache'];

/** Roots whose import means a Union SDK plugin supplies a default (function-body) cache policy. */
export const UNION_ROOTS = ['union', 'unionai'];
