import type { TextEdit } from '../model';
import type { Argument, CallArguments } from './arguments';
import type { ModuleScope } from './names';

/**
 * Edits that delete `remove` from a call together with their commas, leaving at least one
 * argument in place. Consecutive arguments are deleted by one edit, so edits never overlap;
 * they only touch edits made to the surviving arguments.
 */
export function removeArguments(call: CallArguments, remove: ReadonlySet<Argument>): TextEdit[] {
  const args = call.args;
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < args.length) {
    const first = args[i];
    if (!first || !remove.has(first)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < args.length && remove.has(args[j + 1] as Argument)) j++;
    const last = args[j] as Argument;
    const next = args[j + 1];
    const prev = args[i - 1];
    if (next) edits.push({ start: first.start, end: next.start, newText: '' });
    else if (prev) edits.push({ start: prev.end, end: last.end, newText: '' });
    else edits.push({ start: first.start, end: last.end, newText: '' });
    i = j + 1;
  }
  return edits;
}

/**
 * How to spell `symbol` of `root` (e.g. Cache of flytekit) at `offset`: an existing import, else
 * `alias.symbol` for a module import, else a new `from root import symbol` line after the last
 * module-level import before `offset`.
 */
export function symbolReference(
  scope: ModuleScope,
  text: string,
  qualifiedNames: readonly string[],
  root: string,
  symbol: string,
  offset: number,
): { name: string; edit?: TextEdit } | undefined {
  const spellings = scope.spellingsOf(qualifiedNames, offset);
  const direct = spellings.find((s) => !s.includes('.'));
  if (direct) return { name: direct };
  if (spellings[0]) return { name: spellings[0] };
  const before = scope.imports.filter((s) => s.to <= offset);
  const topLevel = before.filter((s) => s.parent?.name === 'Script');
  const last = topLevel[topLevel.length - 1] ?? before[before.length - 1];
  if (!last) return undefined;
  // Keep the indentation of the import (it may sit inside `if TYPE_CHECKING:` or `try:`).
  const lineStart = text.lastIndexOf('\n', last.from - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, last.from))?.[0] ?? '';
  return { name: symbol, edit: { start: last.to, end: last.to, newText: `\n${indent}from ${root} import ${symbol}` } };
}
