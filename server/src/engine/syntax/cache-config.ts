import type { SyntaxNode } from '@lezer/common';
import { type Argument, type CallArguments, hasSplat } from './arguments';
import { FLYTE2_CACHE_CLASSES, FLYTEKIT_CACHE_CLASSES } from './flyte-names';
import { behaviorCaches } from './flyte2';
import type { StringLiteral } from './strings';
import { stringLiteral } from './strings';
import { type CallSite, callSite, type EnvironmentDecl, type FlyteModule, type TaskDecl } from './tasks';

/** A version whose value is known: a literal, or a module constant holding one. */
export interface KnownVersion {
  readonly value: string;
  readonly literal: StringLiteral;
  readonly viaConstant?: string;
}

export type VersionState =
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly arg: Argument }
  | { readonly kind: 'known'; readonly arg: Argument; readonly version: KnownVersion };

/** A keyword argument found on the task's decorator call or inherited from its environment. */
export interface FoundArgument {
  readonly arg: Argument;
  readonly call: CallSite;
  readonly fromEnvironment: boolean;
}

/** What a task's decorator (plus its environment) says about caching. */
export interface CacheConfig {
  /** `*args`/`**kwargs`, positional arguments, a mutated environment: nothing can be concluded. */
  readonly opaque: boolean;
  readonly cache: 'on' | 'off' | 'unknown';
  /** The `cache=` argument, when there is one. */
  readonly cacheArgument?: FoundArgument;
  /** `cache=Cache(...)`: the `Cache` call. */
  readonly cacheObject?: CallSite;
  readonly version: VersionState;
  /** flytekit `Cache(policies=...)`: absent (or None), an empty list literal, or anything else. */
  readonly policies: 'absent' | 'empty' | 'present' | 'unknown';
}

const ABSENT: VersionState = { kind: 'absent' };

/**
 * Memoized per task: every rule asks for it, and a task belongs to one module. Keyed by the
 * module's scope rather than the module object: the computation reads only `doc` and `scope`, and
 * the per-task views of a module (engine/task-rules.ts) share both, so they share the memo.
 */
export function cacheConfig(module: FlyteModule, task: TaskDecl): CacheConfig {
  let config = configs.get(task);
  if (!config || config.scope !== module.scope) configs.set(task, (config = { scope: module.scope, config: computeCacheConfig(module, task) }));
  return config.config;
}

const configs = new WeakMap<TaskDecl, { scope: FlyteModule['scope']; config: CacheConfig }>();

function computeCacheConfig(module: FlyteModule, task: TaskDecl): CacheConfig {
  const opaque = isOpaque(task);
  const cacheArgument = task.sdk === 'flyte2' ? flyte2CacheArgument(module.doc.text, task) : effectiveKeyword(task, 'cache');
  const offset = task.decoratorStart;
  const base = { opaque, ...(cacheArgument ? { cacheArgument } : {}) };
  if (!cacheArgument) {
    const version = task.sdk === 'flyte2' ? ABSENT : versionOf(module, effectiveKeyword(task, 'cache_version')?.arg, offset);
    return { ...base, cache: opaque ? 'unknown' : 'off', version, policies: 'absent' };
  }
  const value = cacheArgument.arg.value;
  if (!value) return { ...base, cache: 'unknown', version: ABSENT, policies: 'unknown' };
  return task.sdk === 'flyte2' ? flyte2Config(module, task, value, base) : flytekitConfig(module, task, value, base);
}

function flytekitConfig(module: FlyteModule, task: TaskDecl, value: SyntaxNode, base: Pick<CacheConfig, 'opaque' | 'cacheArgument'>): CacheConfig {
  const text = module.doc.text;
  const offset = task.decoratorStart;
  const legacyVersion = (): VersionState => versionOf(module, effectiveKeyword(task, 'cache_version')?.arg, offset);
  if (value.name === 'Boolean') {
    const on = text.slice(value.from, value.to) === 'True';
    return { ...base, cache: on ? 'on' : 'off', version: legacyVersion(), policies: 'absent' };
  }
  const call = callSite(value, text);
  const qualified = call ? module.scope.qualify(call.calleePath, offset) : undefined;
  if (!call || !qualified || !FLYTEKIT_CACHE_CLASSES.includes(qualified) || call.arguments.broken || hasSplat(call.arguments)) {
    return { ...base, cache: 'unknown', version: legacyVersion(), policies: 'unknown' };
  }
  // Cache(version, serialize, ignored_inputs, salt, policies): a dataclass, positional order matters.
  const version = versionOf(module, parameter(call.arguments, 'version', 0), offset);
  const policiesArg = parameter(call.arguments, 'policies', 4);
  return { ...base, cache: 'on', cacheObject: call, version, policies: policiesOf(policiesArg, text) };
}

function flyte2Config(module: FlyteModule, task: TaskDecl, value: SyntaxNode, base: Pick<CacheConfig, 'opaque' | 'cacheArgument'>): CacheConfig {
  const text = module.doc.text;
  const offset = task.decoratorStart;
  const behaviorState = (node: SyntaxNode | undefined): CacheConfig['cache'] => {
    if (!node) return 'on'; // flyte.Cache() defaults to "auto"
    const literal = stringLiteral(node, text);
    if (literal) return behaviorCaches(literal.value);
    return 'unknown';
  };
  if (value.name === 'String') return { ...base, cache: behaviorState(value), version: ABSENT, policies: 'absent' };
  if (value.name === 'Boolean') return { ...base, cache: text.slice(value.from, value.to) === 'True' ? 'on' : 'unknown', version: ABSENT, policies: 'absent' };
  const call = callSite(value, text);
  const qualified = call ? module.scope.qualify(call.calleePath, offset) : undefined;
  if (!call || !qualified || !FLYTE2_CACHE_CLASSES.includes(qualified) || call.arguments.broken || hasSplat(call.arguments)) {
    return { ...base, cache: 'unknown', version: ABSENT, policies: 'unknown' };
  }
  // flyte.Cache(behavior, version_override, ...)
  const version = versionOf(module, parameter(call.arguments, 'version_override', 1), offset);
  return { ...base, cache: behaviorState(parameter(call.arguments, 'behavior', 0)?.value), cacheObject: call, version, policies: 'unknown' };
}

function parameter(call: CallArguments, name: string, position: number): Argument | undefined {
  return call.args.find((a) => a.kind === 'keyword' && a.name === name) ?? call.args.filter((a) => a.kind === 'positional')[position];
}

function policiesOf(arg: Argument | undefined, text: string): CacheConfig['policies'] {
  const value = arg?.value;
  if (!arg) return 'absent';
  if (!value) return 'unknown';
  if (value.name === 'None') return 'absent';
  if (value.name === 'ArrayExpression' && /^\[\s*\]$/.test(text.slice(value.from, value.to))) return 'empty';
  return 'present';
}

/** The version an argument holds: a literal, a module string constant, None (absent) or unknown. */
export function versionOf(module: FlyteModule, arg: Argument | undefined, offset: number): VersionState {
  const value = arg?.value;
  if (!arg) return ABSENT;
  if (!value) return { kind: 'unknown', arg };
  if (value.name === 'None') return ABSENT;
  const literal = stringLiteral(value, module.doc.text);
  if (literal) return { kind: 'known', arg, version: { value: literal.value, literal } };
  if (value.name === 'VariableName') {
    const name = module.doc.text.slice(value.from, value.to);
    const binding = module.scope.lookup(name, offset);
    const constant = binding?.kind === 'local' ? module.scope.stringConstant(name) : undefined;
    if (constant) return { kind: 'known', arg, version: { value: constant.literal.value, literal: constant.literal, viaConstant: name } };
  }
  return { kind: 'unknown', arg };
}

/** Calls that configure the task, innermost first: the decorator's, then its environments'. */
export function configurationCalls(task: TaskDecl): { call: CallSite; fromEnvironment: boolean }[] {
  const calls: { call: CallSite; fromEnvironment: boolean }[] = [];
  if (task.call) calls.push({ call: task.call, fromEnvironment: false });
  for (let env: EnvironmentDecl | undefined = task.environment; env; env = env.parent) calls.push({ call: env.call, fromEnvironment: true });
  return calls;
}

/** The keyword as the SDK sees it: the decorator's own, else inherited from the environment chain. */
export function effectiveKeyword(task: TaskDecl, name: string): FoundArgument | undefined {
  for (const { call, fromEnvironment } of configurationCalls(task)) {
    const arg = call.arguments.args.find((a) => a.kind === 'keyword' && a.name === name);
    if (arg) return { arg, call, fromEnvironment };
  }
  return undefined;
}

function isOpaque(task: TaskDecl): boolean {
  for (let env = task.environment; env; env = env.parent) if (env.mutated) return true;
  // flytekit's task() and Environment() take no positional configuration; Flyte 2's
  // TaskEnvironment("name") does, harmlessly.
  const allowed = task.sdk === 'flyte2' ? ['keyword', 'positional'] : ['keyword'];
  return configurationCalls(task).some(({ call }) => call.arguments.broken || call.arguments.args.some((a) => !allowed.includes(a.kind)));
}

/**
 * Flyte 2's `env.task` passes `cache or env.cache` on (flyte-sdk v2.6.5 src/flyte/_task_environment.py
 * `task`), so a falsy literal on the decorator (`False`, `None`) inherits the environment's setting;
 * `clone_with(cache=None)` drops the keyword and inherits too.
 */
export function flyte2CacheArgument(text: string, task: TaskDecl): FoundArgument | undefined {
  for (const { call, fromEnvironment } of configurationCalls(task)) {
    const arg = call.arguments.args.find((a) => a.kind === 'keyword' && a.name === 'cache');
    if (!arg) continue;
    const value = arg.value ? text.slice(arg.value.from, arg.value.to) : undefined;
    if (value === 'None' || (value === 'False' && !fromEnvironment)) continue;
    return { arg, call, fromEnvironment };
  }
  return undefined;
}
