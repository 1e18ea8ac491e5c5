// flytekit task kinds whose constructor has no cache parameters: they forward **kwargs down to
// `Task.__init__(..., **kwargs)` (flytekit v1.16.24 flytekit/core/base_task.py), which drops them.
// Verified in flytekit v1.16.24: core/container_task.py ContainerTask, extras/tasks/shell.py
// ShellTask and RawShellTask (via PythonInstanceTask → PythonAutoContainerTask → PythonTask),
// core/base_sql_task.py SQLTask, extras/sqlite3/task.py SQLite3Task, plugins flytekit-snowflake
// SnowflakeTask, flytekit-bigquery BigQueryTask, flytekit-aws-athena AthenaTask, flytekit-hive
// HiveTask, flytekit-sqlalchemy SQLAlchemyTask (all SQLTask subclasses passing **kwargs),
// core/task.py `eager` (EagerAsyncPythonFunctionTask(**kwargs)) and core/array_node_map_task.py
// `map_task` (ArrayNodeMapTask(**kwargs)).
import { callArguments, hasSplat } from './arguments';
import { type CallSite, callSite, decoratorParts, type FlyteModule, qualifiedCallees } from './tasks';
import { treeIndex } from './tree-index';

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
  let out = memo.get(module);
  if (!out) memo.set(module, (out = findTaskKindCalls(module)));
  return [...out];
}

const memo = new WeakMap<FlyteModule, readonly TaskKindCall[]>();

function findTaskKindCalls(module: FlyteModule): TaskKindCall[] {
  const text = module.doc.text;
  const out: TaskKindCall[] = [];
  const add = (qualified: string | undefined, call: () => CallSite | undefined): void => {
    const found = qualified ? TASK_KINDS.get(qualified) : undefined;
    if (!found) return;
    const site = call();
    if (!site || site.arguments.broken || hasSplat(site.arguments)) return;
    out.push({ kind: found, call: site });
  };
  // Calls and decorators merged back into document order, as one walk would meet them.
  const { calls, decorators } = treeIndex(module.doc);
  const qualifiedNames = qualifiedCallees(module);
  let c = 0;
  let d = 0;
  while (c < calls.length || d < decorators.length) {
    const call = calls[c];
    const decorator = decorators[d];
    if (call && (!decorator || call.order < decorator.order)) {
      add(qualifiedNames[c], () => callSite(call.node, text));
      c++;
    } else if (decorator) {
      d++;
      if (!decorator.path || !decorator.hasArgs) continue;
      add(module.scope.qualify(decorator.path, decorator.from), () => {
        const node = decorator.node;
        const parts = decoratorParts(node, text);
        const argList = parts?.argList;
        return parts && argList ? { start: node.from + 1, end: argList.to, calleePath: parts.path, arguments: callArguments(argList, text) } : undefined;
      });
    }
  }
  return out;
}
