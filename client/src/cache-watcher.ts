// Auto-refresh: watches the configured local cache folder's cache.db and cache.db-wal and,
// debounced, re-imports it (progress shows in the view; the import runs in the server).
import * as vscode from 'vscode';
import { ImportFrom, localCacheFolder } from './commands';

const DEBOUNCE_MS = 750;

export class CacheWatcher implements vscode.Disposable {
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private folder = '';
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly importFrom: ImportFrom) {
    this.subscriptions.push(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('flyteCache.localCache.path')) this.watch();
    }));
    this.watch();
  }

  /** The folder being watched. */
  get watching(): string {
    return this.folder;
  }

  private watch(): void {
    const folder = localCacheFolder();
    if (folder === this.folder && this.watcher) return;
    this.watcher?.dispose();
    this.folder = folder;
    this.watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '{cache.db,cache.db-wal}'));
    const changed = () => this.schedule();
    this.watcher.onDidCreate(changed);
    this.watcher.onDidChange(changed);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One import at a time; changes during an import schedule the next one.
      this.running = this.running.then(() => this.importFrom(this.folder, true));
    }, DEBOUNCE_MS);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
