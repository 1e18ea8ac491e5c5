import type { SyntaxNode } from '@lezer/common';
import { hasError } from './nodes';
import { stringLiteral } from './strings';

/** The elements of a tuple or list literal (comments skipped); undefined for anything else, errors and comprehensions. */
export function sequenceElements(node: SyntaxNode): SyntaxNode[] | undefined {
  if (node.name !== 'TupleExpression' && node.name !== 'ArrayExpression') return undefined;
  if (hasError(node)) return undefined;
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (!['(', ')', '[', ']', ',', 'Comment'].includes(child.name)) out.push(child);
  }
  // A comprehension is an ArrayExpression too: `[p for p in ps]`.
  return out.some((n) => n.name === 'for' || n.name === 'in') ? undefined : out;
}

export function containsComment(node: SyntaxNode): boolean {
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === 'Comment') return true;
  return false;
}

/** Literals that are certainly not a cache policy object (strings, numbers, containers, None). */
export function isPlainLiteral(node: SyntaxNode): boolean {
  return [
    'String', 'ContinuedString', 'FormatString', 'Number', 'Boolean', 'None',
    'DictionaryExpression', 'SetExpression', 'ArrayExpression', 'TupleExpression',
  ].includes(node.name);
}

/** Python's `str()` of a tuple/list/str literal made of plain strings; undefined if not that simple. */
export function pythonStr(node: SyntaxNode, text: string): string | undefined {
  const single = stringLiteral(node, text);
  if (single) return single.value;
  const elements = sequenceElements(node);
  if (!elements) return undefined;
  const reprs: string[] = [];
  for (const element of elements) {
    const literal = stringLiteral(element, text);
    if (!literal || /['"\\\n\t\r]/.test(literal.value)) return undefined;
    reprs.push(`'${literal.value}'`);
  }
  if (node.name === 'ArrayExpression') return `[${reprs.join(', ')}]`;
  return reprs.length === 1 ? `(${reprs[0]},)` : `(${reprs.join(', ')})`;
}

/** Whether a literal is truthy in Python; undefined when it is not a literal. */
export function literalTruthiness(node: SyntaxNode, text: string): boolean | undefined {
  const source = text.slice(node.from, node.to);
  switch (node.name) {
    case 'Boolean':
      return source === 'True';
    case 'None':
      return false;
    case 'Number': {
      const digits = source.replace(/_/g, '').replace(/j$/i, '');
      return /^0[xob]/i.test(digits) ? /[1-9a-f]/i.test(digits.slice(2)) : Number(digits) !== 0;
    }
    case 'String': {
      const literal = stringLiteral(node, text);
      return literal ? literal.value.length > 0 : undefined;
    }
    case 'TupleExpression':
    case 'ArrayExpression':
    case 'DictionaryExpression':
    case 'SetExpression':
      return !/^[([{]\s*[)\]}]$/.test(source);
  }
  return undefined;
}
