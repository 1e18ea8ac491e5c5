// The cache explorer's server side: owns the store, runs imports, answers tree requests.
// Store work is serialized through one promise chain so an import and a tree request
// never interleave on the same database.
import * as os from 'node:os';
import * as path from 'node:path';
import { ImportCacheRequest, TreeNode } from '../../../protocol/src/protocol';
import { readFlytekitLocalCache } from '../importers/flytekit-local-cache';
import { CacheEntryRecord, CacheStore, defaultStorePath, SqliteImage } from '../store';
import { describeBytes, describeTime, describeValue } from './format';

export const ENTRY_PAGE_SIZE = 100;

export function defaultLocalCachePath(): string {
  return path.join(os.homedir(), '.flyte', 'local-cache');
}

export class Explorer {
  private store: Promise<CacheStore> | undefined;
  private storeFile: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly warn: (message: string) => void) {}

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

  async importCache(target: string): Promise<ImportCacheRequest.Result> {
    const store = await this.openStore();
    return this.serialize(async () => {
      const result = await readFlytekitLocalCache(target, { openImage: (bytes) => SqliteImage.open(bytes) });
      store.replaceSource(result.source, result.entries, result.warnings);
      await store.save();
      return {
        source: result.source,
        imported: result.entries.length,
        legacy: result.entries.filter((e) => e.legacy).length,
        warnings: result.warnings,
        storePath: store.file,
      };
    });
  }

  async count(): Promise<number> {
    const store = await this.openStore();
    return this.serialize(async () => store.count());
  }

  async children(parent: TreeNode | undefined): Promise<TreeNode[]> {
    const store = await this.openStore();
    return this.serialize(async () => {
      if (!parent) return store.tasks().map(taskNode);
      switch (parent.kind) {
        case 'task':
          return store.versions(parent.task!).map(versionNode);
        case 'version':
          return entryPage(store, parent.task!, parent.version!, 0);
        case 'more':
          return entryPage(store, parent.task!, parent.version!, parent.offset ?? 0);
        default:
          return [];
      }
    });
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

function taskNode(t: { task: string; versions: number; entries: number; size: number; lastStored: number }): TreeNode {
  return {
    kind: 'task',
    id: `task:${t.task}`,
    label: t.task,
    description: `${plural(t.entries, 'entry', 'entries')} · ${plural(t.versions, 'version', 'versions')}`,
    tooltip: `${t.task}\n${plural(t.entries, 'cache entry', 'cache entries')} in ${plural(t.versions, 'version', 'versions')}, ${describeBytes(t.size)}\nLast stored ${describeTime(t.lastStored)}`,
    hasChildren: t.entries > 0,
    task: t.task,
  };
}

function versionNode(v: { task: string; version: string; entries: number; size: number; lastStored: number }): TreeNode {
  return {
    kind: 'version',
    id: `version:${v.task}\u0000${v.version}`,
    label: v.version,
    description: `${plural(v.entries, 'entry', 'entries')} · ${describeBytes(v.size)}`,
    tooltip: `Cache version ${v.version} of ${v.task}\nLast stored ${describeTime(v.lastStored)}`,
    hasChildren: v.entries > 0,
    task: v.task,
    version: v.version,
  };
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

function entryNode(e: CacheEntryRecord): TreeNode {
  const outputs = e.outputs ?? {};
  const names = Object.keys(outputs);
  const state = e.legacy ? 'legacy entry, not decodable' : e.outputs === null ? 'outputs not decodable' : plural(names.length, 'output', 'outputs');
  return {
    kind: 'entry',
    id: `entry:${e.key}`,
    label: e.hash.slice(0, 12),
    description: `${describeTime(e.storedAt)} · ${describeBytes(e.size)} · ${state}`,
    tooltip: [`Inputs hash ${e.hash}`, `Key ${e.key}`, `Stored ${describeTime(e.storedAt)}`, `Size ${describeBytes(e.size)}`,
      ...(e.legacy ? ['Written by flytekit < 1.15 (pickled): listed, never unpickled'] : []),
      ...names.map((n) => `${n} = ${describeValue(outputs[n]!, 200)}`)].join('\n'),
    hasChildren: names.length > 0,
    task: e.task,
    version: e.version,
    hash: e.hash,
    outputs: names.map((n) => ({ name: n, value: describeValue(outputs[n]!, 120), full: describeValue(outputs[n]!, 4000) })),
  };
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
