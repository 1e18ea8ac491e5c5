// Imports a local cache folder into the store: skipped when cache.db and its WAL are unchanged
// since the last import, otherwise the folder's rows are replaced (rows equal to the last import's
// are kept as they are) and a `populated` event (source local) is added per entry at its
// store_time, plus Flyte 2's run history (the store drops events it already has). The rows are
// copied by SQLite from the cache.db image (importers/local-cache-scan.ts), outputs decoded when shown.
import { localCacheFingerprint } from '../importers/fingerprint';
import { locateLocalCache } from '../importers/flytekit-local-cache';
import { scanLocalCache } from '../importers/local-cache-scan';
import { CacheStore, SqliteImage } from '../store';

export interface LocalImportOptions {
  /** Read even when the fingerprint says nothing changed. */
  force?: boolean;
  onProgress?: (done: number, total: number) => void;
  knownTasks?: ReadonlySet<string>;
}

export interface LocalImportResult {
  /** Absolute cache folder. */
  source: string;
  /** Entries the folder holds (from the last import when skipped). */
  imported: number;
  legacy: number;
  warnings: string[];
  /** Nothing changed since the last import: nothing was read. */
  unchanged: boolean;
  /** History events (populated, Flyte 2 runs) that were new to the store. */
  newEvents: number;
}

/** Reads the folder (unless unchanged) and updates the store in memory; the caller saves. */
export async function importLocalCache(store: CacheStore, target: string, options: LocalImportOptions = {}): Promise<LocalImportResult> {
  const { folder, dbFile } = await locateLocalCache(target);
  const fingerprint = await localCacheFingerprint(dbFile);
  const last = store.lastImport(folder);
  if (!options.force && last && store.importFingerprint(folder) === fingerprint) {
    const counts = store.sourceCounts(folder);
    return { source: folder, imported: counts.entries, legacy: counts.legacy, warnings: last.warnings, unchanged: true, newEvents: 0 };
  }
  const scan = await scanLocalCache(target, {
    openImage: (bytes) => SqliteImage.open(bytes),
    onProgress: options.onProgress,
    knownTasks: options.knownTasks,
  });
  try {
    const bulk = scan.rows && { ...scan.rows, image: scan.image };
    const { newEvents, entries } = store.replaceSourceRows(scan.source, { ...(bulk ? { bulk } : {}), entries: scan.entries }, scan.warnings, fingerprint, scan.events);
    return { source: scan.source, imported: entries, legacy: scan.legacy, warnings: scan.warnings, unchanged: false, newEvents };
  } finally {
    // A store that replays the import onto another process's save opens the image again.
    scan.image.close();
  }
}
