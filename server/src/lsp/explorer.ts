// The cache explorer's server side: owns the store, runs imports, answers tree and detail
// requests. Store work is serialized through one promise chain so an import and a tree request
// never interleave on the same database.
import * as os from 'node:os';
import * as path from 'node:path';
import { ImportCacheRequest, TaskDetailsRequest, TreeNode, TreeSort } from '../../../protocol/src/protocol';
import { importLocalCache } from '../local-cache/import-local';
import { CacheStore, defaultStorePath } from '../store';
import type { CodeIndex } from './code-index';
import { taskDetails } from './task-details';
import { entryNode, eventNode, filterAndSort, historyNode, taskNode, type TaskRow, versionNode } from './tree-nodes';

export const ENTRY_PAGE_SIZE = 100;
/** The History node lists this many of a task's latest events. */
export const HISTORY_PAGE_SIZE = 50;

export function defaultLocalCachePath(): string {
  return path.join(os.homedir(), '.flyte', 'local-cache');
}

export interface TreeOptions {
  filter?: string;
  sort?: TreeSort;
}

export class Explorer {
  private store: Promise<CacheStore> | undefined;
  private storeFile: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly warn: (message: string) => void,
    private readonly code: CodeIndex,
  ) {}

  /** Points the explorer at a store file ("" = the shared default); reopens when it changed. */
  useStore(configured: string): void {
    const file = configured ? path.resolve(configured) : defaultStorePath();
    if (file === this.storeFile) return;
    const previous = this.store;
    this.storeFile = file;
    this.store = this.serialize(async () => {
      if (previous) (await previous.catch(() => undefined))?.close();
      const { store, warning } = await CacheStore.open(file);
      if (warning) this.warn(warning);
      return store;
    });
  }

  get storePath(): string {
    if (!this.storeFile) this.useStore('');
    return this.storeFile!;
  }

  /** Imports a cache folder (skipped when unchanged since the last import); `progress` hears about long reads. */
  async importCache(target: string, progress?: (done: number, total: number) => void): Promise<ImportCacheRequest.Result> {
    const store = await this.openStore();
    return this.serialize(async () => {
      const result = await importLocalCache(store, target, { onProgress: progress });
      await store.save();
      return { source: result.source, imported: result.imported, legacy: result.legacy, warnings: result.warnings, storePath: store.file };
    });
  }

  /** Runs `work` on the store, serialized with every other store use (eviction, in lsp/eviction.ts). */
  async withStore<T>(work: (store: CacheStore) => Promise<T>): Promise<T> {
    const store = await this.openStore();
    return this.serialize(() => work(store));
  }

  /** Re-reads the store file: picks up what the CLI or another window saved. */
  async refresh(): Promise<void> {
    const store = await this.openStore();
    return this.serialize(() => store.refresh());
  }

  async count(): Promise<number> {
    const store = await this.openStore();
    return this.serialize(async () => store.count());
  }

  /** Every task the store knows (from entries or history), with statistics and its code task. */
  async taskRows(): Promise<TaskRow[]> {
    const store = await this.openStore();
    return this.serialize(async () => rowsOf(store, this.code));
  }

  async children(parent: TreeNode | undefined, options: TreeOptions = {}): Promise<TreeNode[]> {
    const store = await this.openStore();
    return this.serialize(async () => {
      if (!parent) return filterAndSort(rowsOf(store, this.code), options.filter, options.sort).map(taskNode);
      switch (parent.kind) {
        case 'task': {
          const code = this.code.find(parent.task!);
          const versions = store.versions(parent.task!).map((v) => versionNode(v, code));
          const events = eventCount(store, parent.task!);
          return events > 0 ? [historyNode(parent.task!, events), ...versions] : versions;
        }
        case 'history':
          return store.history({ task: parent.task!, limit: HISTORY_PAGE_SIZE }).map(eventNode);
        case 'version':
          return entryPage(store, parent.task!, parent.version!, 0);
        case 'more':
          return entryPage(store, parent.task!, parent.version!, parent.offset ?? 0);
        default:
          return [];
      }
    });
  }

  async details(task: string): Promise<TaskDetailsRequest.Result | null> {
    const store = await this.openStore();
    return this.serialize(async () => taskDetails(store, task, this.code.find(task)));
  }

  private openStore(): Promise<CacheStore> {
    if (!this.store) this.useStore('');
    return this.store!;
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function rowsOf(store: CacheStore, code: CodeIndex): TaskRow[] {
  return store.taskOverviews().map((o) => ({ ...o, code: code.find(o.summary.task) }));
}

function eventCount(store: CacheStore, task: string): number {
  return store.taskOverviews(task)[0]?.events ?? 0;
}

function entryPage(store: CacheStore, task: string, version: string, offset: number): TreeNode[] {
  const rows = store.entries(task, version, offset, ENTRY_PAGE_SIZE + 1);
  const nodes = rows.slice(0, ENTRY_PAGE_SIZE).map(entryNode);
  if (rows.length > ENTRY_PAGE_SIZE) {
    const next = offset + ENTRY_PAGE_SIZE;
    nodes.push({ kind: 'more', id: `more:${task}\u0000${version}\u0000${next}`, label: 'Show more…', hasChildren: false, task, version, offset: next });
  }
  return nodes;
}
