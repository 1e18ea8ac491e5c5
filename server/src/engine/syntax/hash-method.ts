// flytekit's `HashMethod` (flytekit/core/hash.py), found through the file's imports, and the
// hash functions handed to it.
import type { SyntaxNode } from '@lezer/common';
import { ancestorNamed, childNamed, childrenOf, walk } from './nodes';
import { treeIndex } from './tree-index';
import { isModuleLevel, subscriptParts } from './signature';
import { callSite, dottedPath, type FlyteModule } from './tasks';

const HASH_METHOD = ['flytekit.HashMethod', 'flytekit.core.hash.HashMethod'];
const ANNOTATED = ['typing.Annotated', 'typing_extensions.Annotated'];
const HASH_PANDAS_OBJECT = ['pandas.util.hash_pandas_object', 'pandas.core.util.hashing.hash_pandas_object'];

function resolvesTo(module: FlyteModule, node: SyntaxNode, names: readonly string[]): boolean {
  const path = dottedPath(node, module.doc.text);
  const qualified = path ? module.scope.qualify(path, node.from) : undefined;
  return qualified !== undefined && names.includes(qualified);
}

function isHashMethodCall(module: FlyteModule, node: SyntaxNode): boolean {
  const callee = node.name === 'CallExpression' ? node.firstChild : null;
  return callee !== null && resolvesTo(module, callee, HASH_METHOD);
}

/** The `HashMethod(...)` call in `Annotated[T, ..., HashMethod(fn), ...]`, if the annotation is that. */
export function hashMethodOf(module: FlyteModule, annotation: SyntaxNode): SyntaxNode | undefined {
  const parts = subscriptParts(annotation);
  const [head, , ...metadata] = parts ?? [];
  if (!head || !resolvesTo(module, head, ANNOTATED)) return undefined;
  return metadata.find((m) => isHashMethodCall(module, m));
}

/** Every `HashMethod(...)` call outside function and class bodies (where names may be rebound). */
export function hashMethodCalls(module: FlyteModule): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  if (!module.scope.importedRoots.has('flytekit')) return out;
  // The tree index lists every call in document order; the cheap callee test goes first, then the
  // ancestors are checked for what a walk would not enter: error nodes, lambdas, def/class bodies.
  for (const call of treeIndex(module.doc).calls) {
    const path = call.facts.dotted;
    // The callee starts where the call does: its dotted name settles most calls without a node.
    if (call.inError || !path || !HASH_METHOD.includes(module.scope.qualify(path, call.from) ?? '')) continue;
    const node = call.node;
    if (isHashMethodCall(module, node) && outsideBodies(node)) out.push(node);
  }
  return out;
}

function outsideBodies(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.name === 'LambdaExpression') return false;
    if (p.name === 'Body' && (p.parent?.name === 'FunctionDefinition' || p.parent?.name === 'ClassDefinition')) return false;
  }
  return true;
}

/**
 * The `str(pd.util.hash_pandas_object(...))` returned by the hash function given to `HashMethod`:
 * a lambda, or a module-level function of this file bound once.
 */
export function weakPandasHash(module: FlyteModule, hashMethod: SyntaxNode): SyntaxNode | undefined {
  const call = callSite(hashMethod, module.doc.text);
  const args = call?.arguments;
  const [arg, ...more] = args?.args ?? [];
  if (!args || args.broken || more.length > 0 || arg?.kind !== 'positional' || !arg.value) return undefined;
  if (module.scope.lookup('str', Number.MAX_SAFE_INTEGER)) return undefined;
  if (arg.value.name === 'LambdaExpression') {
    const body = childrenOf(arg.value).pop();
    return body && !shadowsStr(module, arg.value) && isStrOfPandasHash(module, body) ? body : undefined;
  }
  const fn = hashFunction(module, arg.value);
  // `str = ...` in the body rebinds the builtin too.
  if (!fn || shadowsStr(module, fn) || /\bstr\s*=(?!=)/.test(module.doc.text.slice(fn.from, fn.to))) return undefined;
  let found: SyntaxNode | undefined;
  walk(childNamed(fn, 'Body') ?? fn, (node) => {
    if (found || ['FunctionDefinition', 'ClassDefinition', 'LambdaExpression'].includes(node.name)) return false;
    if (node.name !== 'ReturnStatement') return true;
    const value = childrenOf(node).find((c) => c.name !== 'return');
    if (value && isStrOfPandasHash(module, value)) found = value;
    return false;
  });
  return found;
}

function hashFunction(module: FlyteModule, name: SyntaxNode): SyntaxNode | undefined {
  if (name.name !== 'VariableName') return undefined;
  const word = module.doc.text.slice(name.from, name.to);
  const binding = module.scope.lookup(word, name.from);
  const last = module.scope.lookup(word, Number.MAX_SAFE_INTEGER);
  if (binding?.kind !== 'local' || last !== binding || binding.node.name !== 'FunctionDefinition') return undefined;
  return isModuleLevel(binding.node) ? binding.node : undefined;
}

/** A parameter named `str` rebinds the builtin inside the function (or lambda); methods are not followed. */
function shadowsStr(module: FlyteModule, fn: SyntaxNode): boolean {
  const params = childNamed(fn, 'ParamList');
  const text = params ? module.doc.text.slice(params.from, params.to) : '';
  return /\bstr\b/.test(text) || ancestorNamed(fn, 'ClassDefinition') !== undefined;
}

function isStrOfPandasHash(module: FlyteModule, node: SyntaxNode): boolean {
  const outer = callSite(node, module.doc.text);
  if (!outer || outer.calleePath.join('.') !== 'str' || outer.arguments.broken) return false;
  const [inner, ...rest] = outer.arguments.args;
  if (rest.length > 0 || inner?.kind !== 'positional' || inner.value?.name !== 'CallExpression') return false;
  const callee = inner.value.firstChild;
  return callee !== null && resolvesTo(module, callee, HASH_PANDAS_OBJECT);
}
