import type { SyntaxNode } from '@lezer/common';
import { childrenOf, hasError } from './nodes';

/** One argument of a call, grouped from lezer's flat `ArgList` children. */
export interface Argument {
  readonly kind: 'positional' | 'keyword' | 'star' | 'doubleStar';
  /** Keyword name, for `kind === 'keyword'`. */
  readonly name?: string;
  readonly nameStart: number;
  readonly nameEnd: number;
  /** The whole argument: `name=value`, `*value`, `**value` or `value`. */
  readonly start: number;
  readonly end: number;
  /** The value expression; missing when the source is broken. */
  readonly value?: SyntaxNode;
}

export interface CallArguments {
  readonly args: readonly Argument[];
  /** Offsets of the parentheses; `close` is -1 when the list is not closed. */
  readonly open: number;
  readonly close: number;
  /** The argument list contains an error node: nothing in it can be trusted. */
  readonly broken: boolean;
}

/** Splits an `ArgList` node into arguments. */
export function callArguments(argList: SyntaxNode, text: string): CallArguments {
  const parts = childrenOf(argList);
  const args: Argument[] = [];
  let open = argList.from;
  let close = -1;
  let group: SyntaxNode[] = [];
  const flush = (): void => {
    if (group.length > 0) {
      const arg = toArgument(group, text);
      if (arg) args.push(arg);
    }
    group = [];
  };
  for (const part of parts) {
    if (part.name === '(') open = part.from;
    else if (part.name === ')') close = part.from;
    else if (part.name === ',') flush();
    else group.push(part);
  }
  flush();
  return { args, open, close, broken: hasError(argList) };
}

function toArgument(group: SyntaxNode[], text: string): Argument | undefined {
  const first = group[0];
  const last = group[group.length - 1];
  if (!first || !last) return undefined;
  const start = first.from;
  const end = last.to;
  const second = group[1];
  if (group.length >= 2 && first.name === 'VariableName' && second?.name === 'AssignOp' && text.slice(second.from, second.to) === '=') {
    return { kind: 'keyword', name: text.slice(first.from, first.to), nameStart: first.from, nameEnd: first.to, start, end, ...valueOf(group[2]) };
  }
  const op = text.slice(first.from, first.to);
  if ((op === '**' || op === '*') && group.length >= 2) {
    return { kind: op === '**' ? 'doubleStar' : 'star', nameStart: start, nameEnd: start, start, end, ...valueOf(group[1]) };
  }
  return { kind: 'positional', nameStart: start, nameEnd: start, start, end, value: first };
}

function valueOf(node: SyntaxNode | undefined): { value?: SyntaxNode } {
  return node ? { value: node } : {};
}

export function keyword(call: CallArguments, name: string): Argument | undefined {
  return call.args.find((a) => a.kind === 'keyword' && a.name === name);
}

/** `*args` or `**kwargs` anywhere in the call: the arguments cannot be known statically. */
export function hasSplat(call: CallArguments): boolean {
  return call.args.some((a) => a.kind === 'star' || a.kind === 'doubleStar');
}
