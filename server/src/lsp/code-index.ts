// Which Flyte tasks the workspace's code defines, per file, so the explorer can tell the cache
// task `workflows.training.train_model` is `def train_model` in workflows/training.py: the
// module path relative to the workspace folder plus the function name; else the bare function
// name (notebooks, scripts run from elsewhere) when exactly one code task has it.
import * as path from 'node:path';
import type { CodeLocation } from '../../../protocol/src/protocol';

/** A task of one file, as the analysis found it, with its definition's position. */
export interface CodeTaskInput {
  name: string;
  /** The literal cache version; undefined when absent or not a literal. */
  version: string | undefined;
  line: number;
  character: number;
}

export interface CodeTask extends CodeTaskInput {
  /** `module.function`, the name flytekit's local cache gives the task. */
  qualified: string;
  uri: string;
}

export class CodeIndex {
  /**
   * Per file, how to get its tasks (once): the language server records every open file on each
   * edit, and positions are worked out only when the explorer or a CodeLens asks.
   */
  private readonly files = new Map<string, () => readonly CodeTask[]>();

  /** `folderOf` maps a file path to its workspace folder (undefined outside every folder). */
  constructor(private readonly folderOf: (file: string) => string | undefined) {}

  /** Replaces what is known of one file (`file`: its path; undefined for untitled documents). */
  record(uri: string, file: string | undefined, tasks: readonly CodeTaskInput[] | (() => readonly CodeTaskInput[])): void {
    if (Array.isArray(tasks) && tasks.length === 0) {
      this.files.delete(uri);
      return;
    }
    const inputs = typeof tasks === 'function' ? tasks : () => tasks;
    const complete = (): CodeTask[] => {
      const module = file ? moduleName(file, this.folderOf(file)) : undefined;
      return inputs().map((t) => ({ ...t, uri, qualified: module ? `${module}.${t.name}` : t.name }));
    };
    let done: CodeTask[] | undefined;
    this.files.set(uri, () => (done ??= complete()));
  }

  forget(uri: string): void {
    this.files.delete(uri);
  }

  tasksOf(uri: string): readonly CodeTask[] {
    return this.files.get(uri)?.() ?? [];
  }

  /** The code task a cache task name stands for, or undefined when none or several fit. */
  find(cacheTask: string): CodeTask | undefined {
    const all = [...this.files.values()].flatMap((tasks) => tasks());
    const exact = all.filter((t) => t.qualified === cacheTask);
    if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;
    // A package root below the workspace folder (src/ layout): the cache name is a suffix of ours.
    const suffix = all.filter((t) => t.qualified.endsWith(`.${cacheTask}`) || cacheTask.endsWith(`.${t.qualified}`));
    if (suffix.length === 1) return suffix[0];
    const bare = cacheTask.slice(cacheTask.lastIndexOf('.') + 1);
    const byName = all.filter((t) => t.name === bare);
    return byName.length === 1 ? byName[0] : undefined;
  }
}

export function locationOf(task: CodeTask): CodeLocation {
  return { uri: task.uri, line: task.line, character: task.character };
}

/** `pkg/sub/mod.py` under the folder → `pkg.sub.mod`; `pkg/__init__.py` → `pkg`. */
export function moduleName(file: string, folder: string | undefined): string | undefined {
  const relative = folder ? path.relative(folder, file) : path.basename(file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  const parts = relative.replace(/\.pyi?$/, '').split(/[\\/]/).filter((p) => p !== '');
  if (parts[parts.length - 1] === '__init__') parts.pop();
  return parts.length > 0 ? parts.join('.') : undefined;
}
