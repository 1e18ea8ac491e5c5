// Code ↔ cache in the editor: a CodeLens above each cached task ("12 entries · 87% hits · v1.2",
// click: show it in the explorer), and the cache task at the cursor.
import type { CodeLens } from 'vscode-languageserver';
import { RevealTaskCommand, type TaskAtRequest } from '../../../protocol/src/protocol';
import { type TaskInfo, taskAt } from '../analysis';
import type { CodeIndex, CodeTask, CodeTaskInput } from './code-index';
import type { OpenDocument } from './documents';
import { uriToPath } from './folders';
import { percent } from './stats-format';
import { plural, type TaskRow } from './tree-nodes';

/** Records a document's tasks in the code index, their positions worked out when first read. */
export function indexTasks(index: CodeIndex, doc: OpenDocument, tasks: readonly TaskInfo[]): void {
  index.record(doc.uri, uriToPath(doc.uri), () => tasks.map((t) => codeTaskInput(doc, t)));
}

export function codeTaskInput(doc: OpenDocument, t: TaskInfo): CodeTaskInput {
  const at = doc.positionAt(t.nameStart);
  return { name: t.name, version: typeof t.version === 'object' ? t.version.value : undefined, line: at.line, character: at.character };
}

function rowOf(rows: readonly TaskRow[], task: CodeTask): TaskRow | undefined {
  return rows.find((r) => r.code !== undefined && r.code.uri === task.uri && r.code.name === task.name && r.code.line === task.line);
}

const codeKey = (name: string, line: number): string => `${line}:${name}`;

export function codeLenses(doc: OpenDocument, tasks: readonly TaskInfo[], index: CodeIndex, rows: readonly TaskRow[]): CodeLens[] {
  const lenses: CodeLens[] = [];
  // Keyed lookups: a generated module holds thousands of tasks, and lenses are asked for after edits.
  const coded = new Map<string, CodeTask>();
  for (const c of index.tasksOf(doc.uri)) if (!coded.has(codeKey(c.name, c.line))) coded.set(codeKey(c.name, c.line), c);
  const rowByCode = new Map<string, TaskRow>();
  for (const r of rows) {
    if (r.code === undefined || r.code.uri !== doc.uri) continue;
    const key = codeKey(r.code.name, r.code.line);
    if (!rowByCode.has(key)) rowByCode.set(key, r);
  }
  for (const t of tasks) {
    const key = codeKey(t.name, doc.positionAt(t.nameStart).line);
    const code = coded.get(key);
    const row = code && rowByCode.get(key);
    if (!code || !row) continue;
    const parts = [plural(row.summary.entries, 'entry', 'entries')];
    const rate = row.stats?.hitRate ?? null;
    if (rate !== null) parts.push(`${percent(rate)} hits`);
    if (code.version !== undefined) parts.push(`v${code.version}`);
    const line = doc.positionAt(t.decoratorStart).line;
    lenses.push({
      range: { start: { line, character: 0 }, end: { line, character: 0 } },
      command: { title: parts.join(' · '), command: RevealTaskCommand, arguments: [row.summary.task] },
    });
  }
  return lenses;
}

export function cacheTaskAt(doc: OpenDocument, offset: number, tasks: readonly TaskInfo[], index: CodeIndex, rows: readonly TaskRow[]): TaskAtRequest.Result | null {
  const t = taskAt(tasks, offset);
  if (!t) return null;
  const line = doc.positionAt(t.nameStart).line;
  const code = index.tasksOf(doc.uri).find((c) => c.name === t.name && c.line === line);
  if (!code) return null;
  const row = rowOf(rows, code);
  return row ? { task: row.summary.task, cached: true } : { task: code.qualified, cached: false };
}
