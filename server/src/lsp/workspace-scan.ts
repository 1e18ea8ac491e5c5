// Diagnostics for files that are not open: the whole workspace is checked once at start-up (with
// progress), again when settings or a pyproject.toml change, and file by file when one changes on
// disk. These are pushed (publishDiagnostics); open files are pulled, so a file's pushed
// diagnostics are cleared when it opens and recomputed from disk when it closes.
// All I/O is async and the loop yields between files, so requests are answered during a scan.
import type { Dirent } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { isInside, pathToUri } from './folders';

/** Folders never worth reading: tooling, environments and installed packages. */
const SKIP_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', '.venv']);
const PROGRESS_EVERY = 10;

export interface ScanProgress {
  report(done: number, total: number): void;
  done(): void;
}

export interface ScanHost {
  folders(): string[];
  isOpen(file: string): boolean;
  /** A file or folder the project configuration excludes. */
  excluded(file: string): Promise<boolean>;
  diagnose(uri: string, text: string): Promise<Diagnostic[]>;
  publish(uri: string, diagnostics: Diagnostic[]): void;
  progress(total: number): Promise<ScanProgress>;
  /** Files over this many bytes are not read (`flyteCache.maxFileSize`; generated giants, mostly). */
  maxFileSize(): number;
}

/**
 * Every construct the engine recognizes is imported from `flytekit`, `flyte`, `union` or
 * `unionai`, so a file that never spells those has nothing to report and is not parsed.
 */
export function mightUseFlyte(text: string): boolean {
  return text.includes('flyte') || text.includes('union');
}

export class WorkspaceScanner {
  /** Files (by path) whose pushed diagnostics are not empty, with the URI they were pushed for. */
  private readonly pushed = new Map<string, string>();
  private generation = 0;

  constructor(private readonly host: ScanHost) {}

  /** Checks every Python file of every workspace folder; a newer scan cancels this one. */
  async scanAll(withProgress: boolean): Promise<void> {
    const generation = ++this.generation;
    const files: string[] = [];
    for (const folder of this.host.folders()) await this.collect(folder, files, generation);
    if (generation !== this.generation) return;
    const progress = withProgress ? await this.host.progress(files.length) : undefined;
    const seen = new Set<string>();
    try {
      for (let i = 0; i < files.length; i++) {
        if (generation !== this.generation) return;
        const file = files[i]!;
        seen.add(file);
        await this.checkFile(file);
        if (progress && ((i + 1) % PROGRESS_EVERY === 0 || i + 1 === files.length)) progress.report(i + 1, files.length);
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      progress?.done();
    }
    for (const file of [...this.pushed.keys()]) if (!seen.has(file)) this.clear(file);
  }

  /** A file changed on disk or was closed: check it again unless it is open or out of scope. */
  async refresh(file: string): Promise<void> {
    const folder = this.host.folders().find((f) => isInside(file, f));
    if (!folder || !file.endsWith('.py') || skippedBelow(folder, file) || (await this.host.excluded(file))) {
      this.clear(file);
      return;
    }
    await this.checkFile(file);
  }

  /** Drops what was pushed for a file: it was deleted, or opened (then diagnostics are pulled). */
  clear(file: string): void {
    const uri = this.pushed.get(file);
    if (uri === undefined) return;
    this.pushed.delete(file);
    this.host.publish(uri, []);
  }

  private async checkFile(file: string): Promise<void> {
    if (this.host.isOpen(file)) return;
    let text: string;
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile() || stat.size > this.host.maxFileSize()) return this.clear(file);
      text = await fs.readFile(file, 'utf8');
    } catch {
      return this.clear(file); // deleted or unreadable meanwhile
    }
    if (!mightUseFlyte(text)) return this.clear(file);
    const uri = pathToUri(file);
    const diagnostics = await this.host.diagnose(uri, text);
    if (this.host.isOpen(file)) return; // opened while it was read: the pull owns it now
    if (diagnostics.length === 0) return this.clear(file);
    this.pushed.set(file, uri);
    this.host.publish(uri, diagnostics);
  }

  private async collect(dir: string, into: string[], generation: number): Promise<void> {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (generation !== this.generation) return;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (skipDir(entry.name) || (await this.host.excluded(full))) continue;
        await this.collect(full, into, generation);
      } else if (entry.isFile() && entry.name.endsWith('.py') && !(await this.host.excluded(full))) {
        into.push(full);
      }
    }
  }
}

function skipDir(name: string): boolean {
  return name.startsWith('.') || SKIP_DIRS.has(name);
}

/** Whether a folder between `folder` and `file` is one the scan never enters. */
function skippedBelow(folder: string, file: string): boolean {
  return path.relative(folder, path.dirname(file)).split(path.sep).some((part) => part !== '' && skipDir(part));
}
