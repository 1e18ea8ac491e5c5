import type { SyntaxNode } from '@lezer/common';
import { type CallArguments, callArguments } from './arguments';
import { ENVIRONMENT_CLASSES, type Sdk, TASK_DECORATORS, UNION_ROOTS } from './flyte-names';
import { ModuleScope, moduleStatements } from './names';
import { childNamed, childrenOf } from './nodes';
import type { PythonDocument } from './python-document';
import { calleePath } from './dotted-names';
import { type IndexedCall, type IndexedStatement, type TreeIndex, treeIndex } from './tree-index';

export { calleePath, decoratorParts, dottedPath } from './dotted-names';

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
  /** `isModuleLevel(def)`: no function, class or lambda encloses the definition. */
  readonly moduleLevel: boolean;
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
  const index = treeIndex(doc);
  for (const statement of index.decorated) {
    const task = taskOf(statement, doc, index, scope, environments);
    if (task) tasks.push(task);
  }
  const usesUnion = UNION_ROOTS.some((root) => scope.importedRoots.has(root));
  return { doc, scope, tasks, environments, usesUnion };
}

function taskOf(statement: IndexedStatement, doc: PythonDocument, index: TreeIndex, scope: ModuleScope, envs: readonly EnvironmentDecl[]): TaskDecl | undefined {
  const { def, decorators } = statement.facts;
  if (!def) return undefined;
  const base = statement.from;
  for (const decorator of decorators) {
    if (!decorator.path) continue;
    const decoratorStart = base + decorator.from;
    const resolved = resolveDecorator(decorator.path, decoratorStart, scope, envs);
    if (!resolved) continue;
    const args = decorator.args;
    const call = args ? new LazyCallSite(doc, statement, decoratorStart + 1, base + args.from, base + args.to, decorator.path) : undefined;
    return new DiscoveredTask(statement, def.name, resolved, base + def.from, base + def.end, base + def.nameFrom, base + def.nameTo, decoratorStart, base + decorator.end, decorator.path, statement.moduleLevel, call, index.brokenDecorators.has(decoratorStart));
  }
  return undefined;
}

/** A task whose `def` node is looked up in the tree when a rule first reads it. */
class DiscoveredTask implements TaskDecl {
  readonly sdk: Sdk;
  readonly kind: 'task' | 'dynamic';
  readonly environment?: EnvironmentDecl;
  private found: SyntaxNode | undefined;

  constructor(
    private readonly statement: IndexedStatement,
    readonly name: string,
    resolved: ResolvedDecorator,
    readonly defStart: number,
    readonly defEnd: number,
    readonly nameStart: number,
    readonly nameEnd: number,
    readonly decoratorStart: number,
    readonly decoratorEnd: number,
    readonly decoratorPath: readonly string[],
    readonly moduleLevel: boolean,
    readonly call: CallSite | undefined,
    readonly broken: boolean,
  ) {
    this.sdk = resolved.sdk;
    this.kind = resolved.kind;
    if (resolved.environment) this.environment = resolved.environment;
  }

  get def(): SyntaxNode {
    return (this.found ??= childAt(this.statement.node, 'FunctionDefinition', this.defStart));
  }
}

/** A decorator's call, its arguments read when first asked for: many rules never look at them. */
class LazyCallSite implements CallSite {
  private args: CallArguments | undefined;

  constructor(
    private readonly doc: PythonDocument,
    private readonly statement: IndexedStatement,
    readonly start: number,
    private readonly argsFrom: number,
    readonly end: number,
    readonly calleePath: readonly string[],
  ) {}

  get arguments(): CallArguments {
    if (!this.args) {
      const decorator = childAt(this.statement.node, 'Decorator', this.start - 1);
      this.args = callArguments(childAt(decorator, 'ArgList', this.argsFrom), this.doc.text);
    }
    return this.args;
  }
}

/** The child of `parent` named `name` starting at `from` (known to exist). */
function childAt(parent: SyntaxNode, name: string, from: number): SyntaxNode {
  for (let child = parent.firstChild; child; child = child.nextSibling) if (child.from === from && child.name === name) return child;
  throw new Error(`no ${name} at ${from}`);
}

interface ResolvedDecorator {
  readonly sdk: Sdk;
  readonly kind: 'task' | 'dynamic';
  readonly environment?: EnvironmentDecl;
}

function resolveDecorator(
  path: readonly string[],
  offset: number,
  scope: ModuleScope,
  envs: readonly EnvironmentDecl[],
): ResolvedDecorator | undefined {
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

const ENVIRONMENT_STATEMENTS = new Set(['AssignStatement', 'ExpressionStatement']);

function discoverEnvironments(doc: PythonDocument, scope: ModuleScope): EnvironmentDecl[] {
  const envs: EnvironmentDecl[] = [];
  for (const statement of moduleStatements(scope.top, ENVIRONMENT_STATEMENTS)) {
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
  if (!out) qualifiedMemo.set(module, (out = treeIndex(module.doc).calls.map((call) => qualifiedCallee(module.scope, call))));
  return out;
}

const qualifiedMemo = new WeakMap<FlyteModule, readonly (string | undefined)[]>();

function qualifiedCallee(scope: ModuleScope, call: IndexedCall): string | undefined {
  const { head, path } = call.facts;
  if (head === undefined) return undefined;
  const binding = scope.lookup(head, call.from);
  if (!binding || binding.kind === 'local') return undefined;
  return path ? scope.qualify(path, call.from) : undefined;
}

/** The tasks flytekit's rules look at: flytekit (or Union) tasks whose decorator parses. */
export function flytekitTasks(module: FlyteModule): TaskDecl[] {
  return module.tasks.filter((task) => task.sdk !== 'flyte2' && !task.broken);
}
