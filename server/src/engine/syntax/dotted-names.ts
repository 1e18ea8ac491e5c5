// Dotted names as written: a call's callee (`fk.Cache`), a decorator's (`@env.task(...)`). They read
// only below the node, so the tree index can keep them per subtree.
import type { SyntaxNode } from '@lezer/common';
import { childNamed } from './nodes';

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
