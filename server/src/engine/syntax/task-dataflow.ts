// Which task's output feeds which task's input, where a file says so plainly:
// `consumer(param=producer(...))`, or `x = producer(...)` then `consumer(param=x)` in one function.
import type { SyntaxNode } from '@lezer/common';
import { ancestorNamed, childNamed } from './nodes';
import { localBindings } from './local-bindings';
import { type ParameterEntry, parameterEntries } from './signature';
import { callSite, type FlyteModule, type TaskDecl } from './tasks';
import { type CallFacts, treeIndex } from './tree-index';

export interface TaskFeed {
  readonly consumer: TaskDecl;
  readonly param: ParameterEntry;
  readonly producer: TaskDecl;
}

/**
 * Feeds between module-level tasks of the file, by keyword argument, in document order of the
 * consumer calls (calls inside error nodes are not read). `consumer`: only feeds into tasks it
 * accepts (a caller that would drop the others saves resolving those calls).
 */
export function taskFeeds(module: FlyteModule, consumer: (task: TaskDecl) => boolean = () => true): TaskFeed[] {
  const text = module.doc.text;
  const byName = moduleLevelTasks(module);
  if (byName.size < 2) return [];
  // Decided on first call of each task: most tasks are never called with a keyword argument here.
  const wanted = new Map<TaskDecl, boolean>();
  const isWanted = (task: TaskDecl | undefined): boolean => {
    if (!task) return false;
    let yes = wanted.get(task);
    if (yes === undefined) wanted.set(task, (yes = consumer(task)));
    return yes;
  };
  const feeds: TaskFeed[] = [];
  for (const entry of treeIndex(module.doc).calls) {
    if (entry.inError || !isWanted(byName.get(calleeName(entry.facts)))) continue;
    const node = entry.node;
    const to = calledTask(module, byName, node);
    const call = to ? callSite(node, text) : undefined;
    if (!to || !call || call.arguments.broken) continue;
    const params = parameterEntries(to.def, text) ?? [];
    for (const arg of call.arguments.args) {
      const param = arg.kind === 'keyword' ? params.find((p) => p.name === arg.name && !p.variadic) : undefined;
      const producer = param && arg.value ? producerOf(module, byName, arg.value) : undefined;
      if (param && producer) feeds.push({ consumer: to, param, producer });
    }
  }
  return feeds;
}

/** The plain name a call calls (`f(...)`), or '' (what `calledTask` looks up first, cheaply). */
function calleeName(facts: CallFacts): string {
  // A dotted path of one part is a `VariableName` callee.
  return facts.dotted?.length === 1 ? facts.dotted[0]! : '';
}

/** Tasks defined at module level, by name; a name defined twice is left out. */
function moduleLevelTasks(module: FlyteModule): Map<string, TaskDecl> {
  const byName = new Map<string, TaskDecl>();
  const twice = new Set<string>();
  for (const task of module.tasks) {
    if (!task.moduleLevel || task.broken) continue;
    if (byName.has(task.name)) twice.add(task.name);
    byName.set(task.name, task);
  }
  for (const name of twice) byName.delete(name);
  // The name must still mean the task at the end of the module (not rebound or imported over).
  for (const [name, task] of byName) {
    const binding = module.scope.lookup(name, Number.MAX_SAFE_INTEGER);
    if (binding?.kind !== 'local' || binding.node.from !== task.defStart) byName.delete(name);
  }
  return byName;
}

/** The task a call calls by its plain name, unless a function around the call rebinds that name. */
function calledTask(module: FlyteModule, byName: ReadonlyMap<string, TaskDecl>, call: SyntaxNode): TaskDecl | undefined {
  const callee = call.firstChild;
  if (callee?.name !== 'VariableName' || childNamed(call, 'ArgList') === null) return undefined;
  const name = module.doc.text.slice(callee.from, callee.to);
  const task = byName.get(name);
  if (!task) return undefined;
  for (let fn = ancestorNamed(call, 'FunctionDefinition', 'LambdaExpression'); fn; fn = ancestorNamed(fn, 'FunctionDefinition', 'LambdaExpression')) {
    const bindings = localBindings(fn, name, module.doc.text);
    if (bindings.other > 0 || bindings.simple.length > 0) return undefined;
  }
  return task;
}

/** The task whose output `value` is: a direct call, or a variable assigned once from one in the same function. */
function producerOf(module: FlyteModule, byName: ReadonlyMap<string, TaskDecl>, value: SyntaxNode): TaskDecl | undefined {
  if (value.name === 'CallExpression') return calledTask(module, byName, value);
  if (value.name !== 'VariableName') return undefined;
  const fn = ancestorNamed(value, 'FunctionDefinition');
  if (!fn || ancestorNamed(value, 'LambdaExpression', 'ClassDefinition')) return undefined;
  if (ancestorNamed(fn, 'FunctionDefinition', 'LambdaExpression')) return undefined;
  const bindings = localBindings(fn, module.doc.text.slice(value.from, value.to), module.doc.text);
  const [assigned, ...more] = bindings.simple;
  if (bindings.other > 0 || !assigned || more.length > 0 || assigned.name !== 'CallExpression') return undefined;
  // The assignment must be in the function's own body, not a nested function.
  if (ancestorNamed(assigned, 'FunctionDefinition')?.from !== fn.from) return undefined;
  return calledTask(module, byName, assigned);
}
