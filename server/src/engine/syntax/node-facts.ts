// Plain facts the tree index keeps about its nodes: a call's callee names, a decorator's dotted
// name, a decorated statement's definition and decorators. They read only below the node.
import type { SyntaxNode } from '@lezer/common';
import { calleePath, decoratorParts, dottedPath } from './dotted-names';
import { childNamed, childrenNamed, trimmedEnd } from './nodes';

/** What the scans over every call read first, so most calls are passed over without a node. */
export interface CallFacts {
  /** `calleePath`: the callee's dotted name, for a call with an argument list. */
  readonly path: readonly string[] | undefined;
  /** `dottedPath` of the callee, argument list or not. */
  readonly dotted: readonly string[] | undefined;
  /** The `VariableName` at the head of the callee's member chain. */
  readonly head: string | undefined;
  /** The callee's `PropertyName` when it is a member expression (`x.with_overrides`). */
  readonly member: string | undefined;
}

/** A decorator of a decorated statement; offsets relative to the statement's start. */
export interface DecoratorFacts {
  readonly from: number;
  /** `decoratorParts`: undefined when the decorator is not a dotted name with an optional call. */
  readonly path: readonly string[] | undefined;
  /** The argument list, when there is one. */
  readonly args: { readonly from: number; readonly to: number } | undefined;
  /** The end of the decorator's last part (the node runs on to the next line). */
  readonly end: number;
}

/** A decorated statement's function definition and decorators; offsets relative to the statement's start. */
export interface StatementFacts {
  readonly def: { readonly from: number; readonly end: number; readonly name: string; readonly nameFrom: number; readonly nameTo: number } | undefined;
  readonly decorators: readonly DecoratorFacts[];
}

export interface DecoratorEntryFacts {
  readonly path: readonly string[] | undefined;
  readonly hasArgs: boolean;
}

export function decoratorFacts(node: SyntaxNode, text: string): DecoratorEntryFacts {
  const parts = decoratorParts(node, text);
  return { path: parts?.path, hasArgs: parts?.argList !== undefined };
}

export function callFacts(node: SyntaxNode, text: string): CallFacts {
  const callee = node.firstChild;
  return {
    path: calleePath(node, text),
    dotted: callee ? dottedPath(callee, text) : undefined,
    head: calleeHead(node, text),
    member: calleeMember(node, text),
  };
}

export function calleeHead(node: SyntaxNode, text: string): string | undefined {
  let head = node.firstChild;
  while (head?.name === 'MemberExpression') head = head.firstChild;
  return head?.name === 'VariableName' ? text.slice(head.from, head.to) : undefined;
}

export function calleeMember(node: SyntaxNode, text: string): string | undefined {
  const callee = node.firstChild;
  const property = callee?.name === 'MemberExpression' ? childNamed(callee, 'PropertyName') : null;
  return property ? text.slice(property.from, property.to) : undefined;
}

export function statementFacts(statement: SyntaxNode, text: string): StatementFacts {
  const base = statement.from;
  const def = childNamed(statement, 'FunctionDefinition');
  const name = childNamed(def, 'VariableName');
  const decorators: DecoratorFacts[] = [];
  for (const decorator of childrenNamed(statement, 'Decorator')) {
    const parts = decoratorParts(decorator, text);
    let lastPart = decorator.lastChild;
    while (lastPart && (lastPart.name === 'Comment' || lastPart.type.isError)) lastPart = lastPart.prevSibling;
    const end = lastPart ? lastPart.to : trimmedEnd(text, decorator);
    decorators.push({ from: decorator.from - base, path: parts?.path, args: parts?.argList ? { from: parts.argList.from - base, to: parts.argList.to - base } : undefined, end: end - base });
  }
  return {
    def:
      def && name
        ? { from: def.from - base, end: trimmedEnd(text, def) - base, name: text.slice(name.from, name.to), nameFrom: name.from - base, nameTo: name.to - base }
        : undefined,
    decorators,
  };
}
