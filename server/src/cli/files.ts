// Which files `check` reads, and how it names them in its reports.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { UsageError } from './args';

const SKIP_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', '.venv', 'env', 'build', 'dist']);

/** Python files under each root (a root may be a file), in a stable order. */
export async function pythonFiles(roots: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const root of roots) found.push(...(await underRoot(root)));
  return found;
}

async function underRoot(root: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(root);
  } catch {
    throw new UsageError(`${root}: no such file or directory`);
  }
  if (stat.isFile()) return [root];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.pyi'))) {
        found.push(full);
      }
    }
  };
  await walk(root);
  return found;
}

/**
 * Every construct the engine recognizes is imported from `flytekit`, `flyte`, `union` or `unionai`
 * (engine/syntax/flyte-names.ts), so a file that never spells those names has nothing to report
 * and is not parsed: most files of a mixed repository are skipped this way.
 */
export function mightUseFlyte(text: string): boolean {
  return text.includes('flyte') || text.includes('union');
}

/** Relative to the working directory when inside it, with `/` separators on every platform. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return shown.split(path.sep).join('/');
}

/**
 * Starts `read` for every item with at most `limit` in flight and returns one promise per item,
 * in order, so a caller can consume results sequentially while the disk works ahead of it.
 */
export function readAhead<T, R>(items: readonly T[], limit: number, read: (item: T) => Promise<R>): Promise<R>[] {
  const results: Promise<R>[] = [];
  const settle: { resolve: (v: R) => void; reject: (e: unknown) => void }[] = [];
  for (let i = 0; i < items.length; i++) {
    results.push(new Promise<R>((resolve, reject) => settle.push({ resolve, reject })));
    // Every promise gets a handler, so a read that fails before its turn is not "unhandled".
    results[i]!.catch(() => undefined);
  }
  let next = 0;
  const startNext = (): void => {
    const i = next++;
    if (i >= items.length) return;
    read(items[i]!).then(settle[i]!.resolve, settle[i]!.reject).finally(startNext);
  };
  for (let k = 0; k < Math.min(limit, items.length); k++) startNext();
  return results;
}
