import type { SyntaxNode } from '@lezer/common';
import { type CallArguments, callArguments } from './arguments';
import { ENVIRONMENT_CLASSES, type Sdk, TASK_DECORATORS, UNION_ROOTS } from './flyte-names';
import { ModuleScope, moduleStatements } from './names';
import { childNamed, childrenNamed, childrenOf, trimmedEnd } from './nodes';
import type { PythonDocument } from './python-document';
import { treeIndex } from './tree-index';

/** A call expression: `callee(args)`. */
export interface CallSite {
  readonly start: number;
  readonly end: number;
  readonly calleePath: readonly string[];
  readonly arguments: CallArguments;
}

/** `env = flytekit.Environment(...)`, `env = flyte.TaskEnvironment(...)` or `env2 = env.extend(...)`. */
export interface EnvironmentDecl {
  readonly name: string;
  readonly sdk: Sdk;
  readonly statement: SyntaxNode;
  readonly call: CallSite;
  readonly parent?: EnvironmentDecl;
  /** `env.update(...)` runs somewhere at module level: its settings are not knowable here. */
  mutated: boolean;
}

export interface TaskDecl {
  readonly name: string;
  readonly sdk: Sdk;
  readonly kind: 'task' | 'dynamic';
  readonly def: SyntaxNode;
  readonly defStart: number;
  readonly defEnd: number;
  readonly nameStart: number;
  readonly nameEnd: number;
  readonly decoratorStart: number;
  readonly decoratorEnd: number;
  /** The decorator as spelled: `["fk", "task"]`, `["env", "task"]`. */
  readonly decoratorPath: readonly string[];
  /** The decorator's call; undefined for a bare `@task`. */
  readonly call?: CallSite;
  readonly environment?: EnvironmentDecl;
  /** The decorator contains a syntax error: rules stay silent on it. */
  readonly broken: boolean;
}

/** Everything the rules need to know about one file. */
export interface FlyteModule {
  readonly doc: PythonDocument;
  readonly scope: ModuleScope;
  readonly tasks: readonly TaskDecl[];
  readonly environments: readonly EnvironmentDecl[];
  /** The file imports `union`/`unionai`, whose plugin supplies a default cache policy. */
  readonly usesUnion: boolean;
}

export function discoverFlyte(doc: PythonDocument): FlyteModule {
  const top = doc.tree.topNode;
  const scope = new ModuleScope(top, doc.text);
  const environments = discoverEnvironments(doc, scope);
  const tasks: TaskDecl[] = [];
  for (const node of treeIndex(doc.tree).decorated) {
    const task = taskOf(node, doc, scope, environments);
    if (task) tasks.push(task);
  }
  const usesUnion = UNION_ROOTS.some((root) => scope.importedRoots.has(root));
  return { doc, scope, tasks, environments, usesUnion };
}

/** A decorator's dotted name and optional argument list; undefined for any other expression. */
export function decoratorParts(decorator: SyntaxNode, text: string): { path: string[]; argList?: SyntaxNode } | undefined {
  const path: string[] = [];
  let argList: SyntaxNode | undefined;
  let expectName = true;
  for (let part = decorator.firstChild; part; part = part.nextSibling) {
    if (part.name === 'At' || part.name === 'Comment' || part.type.isError) continue;
    if (argList) return undefined; // `@a(1)(2)` and the like
    if (part.name === 'VariableName' && expectName) {
      path.push(text.slice(part.from, part.to));
      expectName = false;
    } else if (part.name === '.' && !expectName) expectName = true;
    else if (part.name === 'ArgList' && !expectName) argList = part;
    else return undefined;
  }
  if (path.length === 0) return undefined;
  return argList ? { path, argList } : { path };
}

function taskOf(statement: SyntaxNode, doc: PythonDocument, scope: ModuleScope, envs: readonly EnvironmentDecl[]): TaskDecl | undefined {
  const def = childNamed(statement, 'FunctionDefinition');
  const nameNode = childNamed(def, 'VariableName');
  if (!def || !nameNode) return undefined;
  for (const decorator of childrenNamed(statement, 'Decorator')) {
    const parts = decoratorParts(decorator, doc.text);
    if (!parts) continue;
    const resolved = resolveDecorator(parts.path, decorator.from, scope, envs);
    if (!resolved) continue;
    // The decorator node runs to the next line and may hold a trailing comment.
    let lastPart = decorator.lastChild;
    while (lastPart && (lastPart.name === 'Comment' || lastPart.type.isError)) lastPart = lastPart.prevSibling;
    const decoratorEnd = lastPart ? lastPart.to : trimmedEnd(doc.text, decorator);
    return {
      name: doc.text.slice(nameNode.from, nameNode.to),
      sdk: resolved.sdk,
      kind: resolved.kind,
      def,
      defStart: def.from,
      defEnd: trimmedEnd(doc.text, def),
      nameStart: nameNode.from,
      nameEnd: nameNode.to,
      decoratorStart: decorator.from,
      decoratorEnd,
      decoratorPath: parts.path,
      ...(parts.argList ? { call: lazyCallSite(decorator.from + 1, parts.argList, parts.path, doc.text) } : {}),
      ...(resolved.environment ? { environment: resolved.environment } : {}),
      broken: treeIndex(doc.tree).brokenDecorators.has(decorator.from),
    };
  }
  return undefined;
}

/** A decorator's call, its arguments read when first asked for: many rules never look at them. */
function lazyCallSite(start: number, argList: SyntaxNode, calleePath: readonly string[], text: string): CallSite {
  let args: CallArguments | undefined;
  return {
    start,
    end: argList.to,
    calleePath,
    get arguments(): CallArguments {
      return (args ??= callArguments(argList, text));
    },
  };
}

function resolveDecorator(
  path: readonly string[],
  offset: number,
  scope: ModuleScope,
  envs: readonly EnvironmentDecl[],
): { sdk: Sdk; kind: 'task' | 'dynamic'; environment?: EnvironmentDecl } | undefined {
  const qualified = scope.qualify(path, offset);
  if (qualified) return TASK_DECORATORS.get(qualified);
  const [head, member, ...rest] = path;
  if (head === undefined || rest.length > 0) return undefined;
  const environment = environmentNamed(head, offset, scope, envs);
  if (!environment) return undefined;
  if (environment.sdk === 'flyte2') return member === 'task' ? { sdk: 'flyte2', kind: 'task', environment } : undefined;
  // flytekit's Environment: `@env`, `@env(...)`, `@env.task(...)`, `@env.dynamic(...)`.
  if (member === undefined || member === 'task') return { sdk: environment.sdk, kind: 'task', environment };
  if (member === 'dynamic') return { sdk: environment.sdk, kind: 'dynamic', environment };
  return undefined;
}

function environmentNamed(name: string, offset: number, scope: ModuleScope, envs: readonly EnvironmentDecl[]): EnvironmentDecl | undefined {
  const binding = scope.lookup(name, offset);
  if (binding?.kind !== 'local') return undefined;
  return envs.find((env) => env.statement.from === binding.node.from && env.name === name);
}

function discoverEnvironments(doc: PythonDocument, scope: ModuleScope): EnvironmentDecl[] {
  const envs: EnvironmentDecl[] = [];
  for (const statement of moduleStatements(scope.top)) {
    if (statement.name === 'AssignStatement') {
      const parts = childrenOf(statement);
      const [target, op, value] = parts;
      if (parts.length !== 3 || target?.name !== 'VariableName' || op?.name !== 'AssignOp' || value?.name !== 'CallExpression') continue;
      const call = callSite(value, doc.text);
      if (!call) continue;
      const name = doc.text.slice(target.from, target.to);
      const qualified = scope.qualify(call.calleePath, statement.from);
      const sdk = qualified ? ENVIRONMENT_CLASSES.get(qualified) : undefined;
      if (sdk) {
        envs.push({ name, sdk, statement, call, mutated: false });
        continue;
      }
      const [base, method, ...rest] = call.calleePath;
      if (base === undefined || rest.length > 0) continue;
      const parent = environmentNamed(base, statement.from, scope, envs);
      if (parent && (method === 'extend' || method === 'clone_with')) envs.push({ name, sdk: parent.sdk, statement, call, parent, mutated: false });
    } else if (statement.name === 'ExpressionStatement') {
      const value = statement.firstChild;
      const call = value?.name === 'CallExpression' ? callSite(value, doc.text) : undefined;
      const [base, method] = call?.calleePath ?? [];
      if (base === undefined || method !== 'update') continue;
      const env = environmentNamed(base, statement.from, scope, envs);
      if (env) env.mutated = true;
    }
  }
  return envs;
}

/** A call whose callee is a dotted name (`Cache(...)`, `flytekit.Cache(...)`); undefined otherwise. */
export function callSite(node: SyntaxNode, text: string): CallSite | undefined {
  const path = calleePath(node, text);
  const argList = path ? childNamed(node, 'ArgList') : null;
  if (!path || !argList) return undefined;
  return { start: node.from, end: node.to, calleePath: path, arguments: callArguments(argList, text) };
}

/**
 * Per call of the tree index (same order), the qualified name its dotted callee resolves to
 * (`scope.qualify`), or undefined. Several scans ask; most calls have a local name as their head,
 * which is settled without building the path.
 */
export function qualifiedCallees(module: FlyteModule): readonly (string | undefined)[] {
  let out = qualifiedMemo.get(module);
  if (!out) qualifiedMemo.set(module, (out = treeIndex(module.doc.tree).calls.map(({ node }) => qualifiedCallee(module, node))));
  return out;
}

const qualifiedMemo = new WeakMap<FlyteModule, readonly (string | undefined)[]>();

function qualifiedCallee(module: FlyteModule, call: SyntaxNode): string | undefined {
  const text = module.doc.text;
  let head = call.firstChild;
  while (head?.name === 'MemberExpression') head = head.firstChild;
  if (head?.name !== 'VariableName') return undefined;
  const binding = module.scope.lookup(text.slice(head.from, head.to), call.from);
  if (!binding || binding.kind === 'local') return undefined;
  const path = calleePath(call, text);
  return path ? module.scope.qualify(path, call.from) : undefined;
}

/** The dotted callee of a call with an argument list (what `callSite` needs), without reading the arguments. */
export function calleePath(node: SyntaxNode, text: string): string[] | undefined {
  if (node.name !== 'CallExpression') return undefined;
  const callee = node.firstChild;
  if (!callee || !childNamed(node, 'ArgList')) return undefined;
  return dottedPath(callee, text);
}

export function dottedPath(node: SyntaxNode, text: string): string[] | undefined {
  if (node.name === 'VariableName') return [text.slice(node.from, node.to)];
  if (node.name !== 'MemberExpression') return undefined;
  const object = node.firstChild;
  const property = childNamed(node, 'PropertyName');
  if (!object || !property) return undefined;
  const head = dottedPath(object, text);
  return head ? [...head, text.slice(property.from, property.to)] : undefined;
}

/** The tasks flytekit's rules look at: flytekit (or Union) tasks whose decorator parses. */
export function flytekitTasks(module: FlyteModule): TaskDecl[] {
  return module.tasks.filter((task) => task.sdk !== 'flyte2' && !task.broken);
}
