// A `def`'s parameters as written: names, annotations and default values, for rules that look at
// what a task takes and returns.
import type { SyntaxNode } from '@lezer/common';
import { childNamed, childrenOf, hasError } from './nodes';

export interface ParameterEntry {
  readonly name: string;
  readonly nameNode: SyntaxNode;
  /** The annotation expression after `:`. */
  readonly annotation?: SyntaxNode;
  /** The default value expression after `=`. */
  readonly default?: SyntaxNode;
  /** `*args` or `**kwargs`. */
  readonly variadic: boolean;
}

/** The parameters of a `def` in order; undefined when its parameter list holds a syntax error. */
export function parameterEntries(def: SyntaxNode, text: string): ParameterEntry[] | undefined {
  const list = childNamed(def, 'ParamList');
  if (!list || hasError(list)) return undefined;
  const out: ParameterEntry[] = [];
  let current: { name: string; nameNode: SyntaxNode; annotation?: SyntaxNode; default?: SyntaxNode; variadic: boolean } | undefined;
  let previous: SyntaxNode | undefined;
  for (const part of childrenOf(list)) {
    if (part.name === 'VariableName' && previous && ['(', ',', '*', '**'].includes(previous.name)) {
      current = { name: text.slice(part.from, part.to), nameNode: part, variadic: previous.name === '*' || previous.name === '**' };
      out.push(current);
    } else if (part.name === 'TypeDef' && current && previous === current.nameNode) {
      const annotation = childrenOf(part).find((c) => c.name !== ':');
      if (annotation) current.annotation = annotation;
    } else if (current && previous?.name === 'AssignOp' && !['(', ')', ','].includes(part.name)) {
      current.default = part;
    } else if (part.name === ',') current = undefined;
    previous = part;
  }
  return out;
}

/** The return annotation after `->`, if any. */
export function returnAnnotation(def: SyntaxNode): SyntaxNode | undefined {
  const typeDef = childNamed(def, 'TypeDef');
  return typeDef ? childrenOf(typeDef).find((c) => c.name !== '->') : undefined;
}

/** Whether the `def` runs at module level: not inside a function, class or lambda. */
export function isModuleLevel(def: SyntaxNode): boolean {
  for (let p = def.parent; p; p = p.parent) {
    if (['FunctionDefinition', 'ClassDefinition', 'LambdaExpression'].includes(p.name)) return false;
  }
  return true;
}

/**
 * `Annotated[T, m1, m2]` (resolved by the caller): the subscript's elements, or undefined when
 * `node` is not a subscript of a dotted name. `[0]` is the subscripted name itself.
 */
export function subscriptParts(node: SyntaxNode): SyntaxNode[] | undefined {
  if (node.name !== 'MemberExpression' || !childNamed(node, '[')) return undefined;
  if (hasError(node)) return undefined;
  return childrenOf(node).filter((c) => !['[', ']', ','].includes(c.name));
}
