// `flyte-cache bump FILE (--task NAME | --line N) [--dry-run]`: bump a task's cache version
// (facts §6) in place, as the editor's bump command does.
import * as fs from 'node:fs/promises';
import { analyzeDocument, applyEdits, bumpFixForTask, bumpVersion, PythonDocument, taskAt, type TaskInfo } from '../analysis';
import { LineIndex } from '../engine/line-index';
import { parseArgs, UsageError } from './args';

export async function bump(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['task', 'line'], ['dry-run']);
  const [file, ...extra] = args.positionals;
  const name = args.options.get('task');
  const line = args.options.get('line');
  if (!file || extra.length > 0) throw new UsageError('bump needs exactly one FILE');
  if ((name === undefined) === (line === undefined)) throw new UsageError('bump needs either --task NAME or --line N');

  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: no such file`);
  }
  const doc = PythonDocument.create(text);
  const { tasks } = analyzeDocument(doc, { defaultCachePolicy: 'none' }, { select: [] });
  const task = name !== undefined ? byName(tasks, name, file) : byLine(tasks, text, line!, file);

  const today = new Date();
  const fix = bumpFixForTask(doc, task, tasks, today);
  if (!fix || typeof task.version !== 'object') {
    const why = task.version === undefined ? 'sets no cache version' : 'has a cache version that is not a string literal';
    throw new Error(`task \`${task.name}\` ${why}; nothing to bump`);
  }
  if (!args.flags.has('dry-run')) await fs.writeFile(file, applyEdits(text, fix.edits), 'utf8');
  const via = task.version.viaConstant ? ` (in \`${task.version.viaConstant}\`)` : '';
  out(`${task.name}: ${JSON.stringify(task.version.value)} -> ${JSON.stringify(bumpVersion(task.version.value, today))}${via}\n`);
  return 0;
}

function byName(tasks: readonly TaskInfo[], name: string, file: string): TaskInfo {
  const found = tasks.filter((t) => t.name === name);
  if (found.length === 0) throw new Error(`${file}: no task named \`${name}\``);
  if (found.length > 1) throw new UsageError(`${file}: ${found.length} tasks are named \`${name}\`; pick one with --line`);
  return found[0]!;
}

function byLine(tasks: readonly TaskInfo[], text: string, value: string, file: string): TaskInfo {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--line must be a positive line number (got "${value}")`);
  const lines = new LineIndex(text);
  if (n > lines.lineCount) throw new UsageError(`${file} has only ${lines.lineCount} lines`);
  const start = lines.offset({ line: n - 1, character: 0 });
  const end = lines.offset({ line: n - 1, character: Number.MAX_SAFE_INTEGER });
  const indent = /^[ \t]*/.exec(text.slice(start, end))?.[0].length ?? 0;
  const task = taskAt(tasks, start + indent);
  if (!task) throw new Error(`${file}:${n}: no task there`);
  return task;
}
