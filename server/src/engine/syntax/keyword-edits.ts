import type { TextEdit } from '../model';
import type { Argument, CallArguments } from './arguments';
import type { TaskDecl } from './tasks';

/** The keyword as written on the task's own decorator call (not inherited from an environment). */
export function ownKeyword(task: TaskDecl, name: string): Argument | undefined {
  return task.call?.arguments.args.find((a) => a.kind === 'keyword' && a.name === name);
}

/** Inserts `name=value` into a call: before `before` when given, else after the last argument. */
export function insertKeyword(call: CallArguments, text: string, before?: Argument): TextEdit {
  if (before) return { start: before.start, end: before.start, newText: `${text}, ` };
  const last = call.args[call.args.length - 1];
  if (last) return { start: last.end, end: last.end, newText: `, ${text}` };
  return { start: call.open + 1, end: call.open + 1, newText: text };
}
