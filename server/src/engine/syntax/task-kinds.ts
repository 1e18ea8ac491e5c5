// flytekit task kinds whose constructor has no cache parameters: they forward **kwargs down to
// `Task.__init__(..., **kwargs)` (flytekit v1.16.24 flytekit/core/base_task.py), which drops them.
// Verified in flytekit v1.16.24: core/container_task.py ContainerTask, extras/tasks/shell.py
// ShellTask and RawShellTask (via PythonInstanceTask → PythonAutoContainerTask → PythonTask),
// core/base_sql_task.py SQLTask, extras/sqlite3/task.py SQLite3Task, plugins flytekit-snowflake
// SnowflakeTask, flytekit-bigquery BigQueryTask, flytekit-aws-athena AthenaTask, flytekit-hive
// HiveTask, flytekit-sqlalchemy SQLAlchemyTask (all SQLTask subclasses passing **kwargs),
// core/task.py `eager` (EagerAsyncPythonFunctionTask(**kwargs)) and core/array_node_map_task.py
// `map_task` (ArrayNodeMapTask(**kwargs)).
import type { SyntaxNode } from '@lezer/common';
import { callArguments, hasSplat } from './arguments';
import { walk } from './nodes';
import { type CallSite, callSite, decoratorParts, type FlyteModule } from './tasks';

export interface TaskKind {
  /** The name to show: `ContainerTask`. */
  readonly label: string;
  /** Caching goes through `metadata=TaskMetadata(...)`; false for `map_task`, whose metadata replaces the mapped task's. */
  readonly acceptsMetadata: boolean;
}

const kind = (label: string, acceptsMetadata = true): TaskKind => ({ label, acceptsMetadata });

export const TASK_KINDS: ReadonlyMap<string, TaskKind> = new Map([
  ['flytekit.ContainerTask', kind('ContainerTask')],
  ['flytekit.core.container_task.ContainerTask', kind('ContainerTask')],
  ['flytekit.extras.tasks.shell.ShellTask', kind('ShellTask')],
  ['flytekit.extras.tasks.shell.RawShellTask', kind('RawShellTask')],
  ['flytekit.SQLTask', kind('SQLTask')],
  ['flytekit.core.base_sql_task.SQLTask', kind('SQLTask')],
  ['flytekit.extras.sqlite3.task.SQLite3Task', kind('SQLite3Task')],
  ['flytekitplugins.snowflake.SnowflakeTask', kind('SnowflakeTask')],
  ['flytekitplugins.snowflake.task.SnowflakeTask', kind('SnowflakeTask')],
  ['flytekitplugins.bigquery.BigQueryTask', kind('BigQueryTask')],
  ['flytekitplugins.bigquery.task.BigQueryTask', kind('BigQueryTask')],
  ['flytekitplugins.athena.AthenaTask', kind('AthenaTask')],
  ['flytekitplugins.athena.task.AthenaTask', kind('AthenaTask')],
  ['flytekitplugins.hive.HiveTask', kind('HiveTask')],
  ['flytekitplugins.hive.task.HiveTask', kind('HiveTask')],
  ['flytekitplugins.sqlalchemy.SQLAlchemyTask', kind('SQLAlchemyTask')],
  ['flytekitplugins.sqlalchemy.task.SQLAlchemyTask', kind('SQLAlchemyTask')],
  ['flytekit.eager', kind('eager')],
  ['flytekit.core.task.eager', kind('eager')],
  ['flytekit.map_task', kind('map_task', false)],
  ['flytekit.core.array_node_map_task.map_task', kind('map_task', false)],
]);

/** The keywords `task()` turns into cache settings; the kinds above drop them. */
export const CACHE_KEYWORDS: readonly string[] = ['cache', 'cache_version', 'cache_serialize', 'cache_ignore_input_vars'];

export const TASK_METADATA = ['flytekit.TaskMetadata', 'flytekit.core.base_task.TaskMetadata'];

export interface TaskKindCall {
  readonly kind: TaskKind;
  readonly call: CallSite;
}

/** Constructor calls and `@eager(...)` decorators of the kinds above, with readable arguments. */
export function taskKindCalls(module: FlyteModule): TaskKindCall[] {
  const text = module.doc.text;
  const out: TaskKindCall[] = [];
  const add = (call: CallSite | undefined, offset: number): void => {
    if (!call || call.arguments.broken || hasSplat(call.arguments)) return;
    const qualified = module.scope.qualify(call.calleePath, offset);
    const found = qualified ? TASK_KINDS.get(qualified) : undefined;
    if (found) out.push({ kind: found, call });
  };
  walk(module.doc.tree.topNode, (node: SyntaxNode) => {
    if (node.name === 'CallExpression') add(callSite(node, text), node.from);
    else if (node.name === 'Decorator') {
      const parts = decoratorParts(node, text);
      if (parts?.argList) add({ start: node.from + 1, end: parts.argList.to, calleePath: parts.path, arguments: callArguments(parts.argList, text) }, node.from);
    }
  });
  return out;
}
