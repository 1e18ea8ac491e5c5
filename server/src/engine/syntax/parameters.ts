import type { SyntaxNode } from '@lezer/common';
import { childNamed, childrenOf, hasError } from './nodes';

export interface FunctionParameters {
  readonly names: readonly string[];
  /** `**kwargs`: any input name may exist. */
  readonly varKeyword: boolean;
}

/** The parameter names of a `def`; undefined when its parameter list is broken. */
export function functionParameters(def: SyntaxNode, text: string): FunctionParameters | undefined {
  const list = childNamed(def, 'ParamList');
  if (!list || hasError(list)) return undefined;
  const names: string[] = [];
  let varKeyword = false;
  let previous: SyntaxNode | undefined;
  for (const part of childrenOf(list)) {
    // A name right after `(`, `,`, `*` or `**` is a parameter; after `=` it is a default value.
    if (part.name === 'VariableName' && previous && ['(', ',', '*', '**'].includes(previous.name)) {
      if (previous.name === '**') varKeyword = true;
      else names.push(text.slice(part.from, part.to));
    }
    previous = part;
  }
  return { names, varKeyword };
}
