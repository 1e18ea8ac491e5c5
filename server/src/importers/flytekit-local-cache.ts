// Reads flytekit's local cache (python-diskcache: cache.db + cache.db-wal + *.val files) and
// flyte-sdk's tables in the same file (flyte2-local.ts) into plain records. Strictly read-only:
// files are read whole with fs.readFile, the WAL is applied in memory, nothing is opened for
// writing and no -wal/-shm files are created.
import fs from 'node:fs';
import path from 'node:path';
import type { HistoryEvent } from '../store/history-types';
import type { CacheEntryRecord, JsonValue } from '../store/types';
import { splitCacheKey } from './cache-key';
import { flyte2Entry, runEvents } from './flyte2-local';
import { decodeLiteralMap } from './literal-map';
import { applyWal } from './sqlite-wal';

export interface ReadonlyImage {
  query(sql: string, params?: unknown[]): Record<string, unknown>[];
  close(): void;
}

export interface LocalCacheOptions {
  openImage: (bytes: Uint8Array) => Promise<ReadonlyImage>;
  /** Task names from the workspace; a key that starts with one is split there. */
  knownTasks?: ReadonlySet<string>;
  /** Called while rows are decoded (every PROGRESS_STEP rows and at the end). */
  onProgress?: (done: number, total: number) => void;
}

const PROGRESS_STEP = 250;

export interface LocalCacheImport {
  /** Absolute cache folder. */
  source: string;
  entries: CacheEntryRecord[];
  /** History from Flyte 2's `runs` table (cached actions: hits, misses, populated). */
  events: HistoryEvent[];
  warnings: string[];
}

/** The folder has no cache.db, or cache.db cannot be read as SQLite. */
export class LocalCacheError extends Error {}

// python-diskcache's storage modes.
export const MODE_RAW = 1;
const MODE_BINARY = 2;
const MODE_TEXT = 3;
export const MODE_PICKLE = 4;

export async function readFlytekitLocalCache(pathToFolderOrDb: string, opts: LocalCacheOptions): Promise<LocalCacheImport> {
  const { folder, dbFile } = await locateLocalCache(pathToFolderOrDb);
  const warnings: string[] = [];
  const applied = await readImage(folder, dbFile, warnings);

  let rows: Record<string, unknown>[];
  let flyte2Rows: Record<string, unknown>[] = [];
  let runRows: Record<string, unknown>[] = [];
  let image: ReadonlyImage | undefined;
  try {
    image = await opts.openImage(applied);
    const tables = new Set(image.query(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((r) => String(r['name'])));
    rows = tables.has('Cache')
      ? image.query('SELECT key, raw, store_time, size, mode, filename, value FROM Cache ORDER BY rowid')
      : [];
    if (tables.has('task_cache')) flyte2Rows = image.query('SELECT key, value FROM task_cache ORDER BY key');
    if (tables.has('runs')) runRows = image.query('SELECT * FROM runs ORDER BY start_time, run_name, action_name');
    if (!tables.has('Cache') && !tables.has('task_cache')) warnings.push(`${dbFile} has no Cache table: it is not a flytekit local cache`);
  } catch (error) {
    throw unreadable(error, dbFile);
  } finally {
    image?.close();
  }

  const entries: CacheEntryRecord[] = [];
  const total = rows.length + flyte2Rows.length;
  const progress = (done: number) => {
    if (opts.onProgress && (done % PROGRESS_STEP === 0 || done === total)) opts.onProgress(done, total);
  };
  for (const [i, row] of rows.entries()) {
    const entry = await toEntry(row, folder, opts.knownTasks, warnings);
    if (entry) entries.push(entry);
    progress(i + 1);
  }
  for (const [i, row] of flyte2Rows.entries()) {
    const entry = flyte2Entry(row, warnings);
    if (entry) entries.push(entry);
    progress(rows.length + i + 1);
  }
  return { source: folder, entries, events: runRows.flatMap(runEvents), warnings };
}

/** cache.db with its WAL applied, in memory (a note about an unusable WAL goes to `warnings`). */
export async function readImage(folder: string, dbFile: string, warnings: string[]): Promise<Uint8Array> {
  const main = await readOptional(dbFile);
  if (main === undefined) throw new LocalCacheError(`No cache.db in ${folder}: nothing has been cached there yet, or the path is not a flytekit local cache`);
  const wal = await readOptional(`${dbFile}-wal`);
  const applied = applyWal(main, wal);
  if (applied.note) warnings.push(applied.note);
  return applied.image;
}

export function unreadable(error: unknown, dbFile: string): LocalCacheError {
  return new LocalCacheError(`cache.db is not a readable SQLite database: ${error instanceof Error ? error.message : String(error)} (${dbFile})`);
}

/** The cache folder and its cache.db, from either path. */
export async function locateLocalCache(input: string): Promise<{ folder: string; dbFile: string }> {
  const absolute = path.resolve(input);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(absolute);
  } catch {
    throw new LocalCacheError(`The local cache folder ${absolute} does not exist`);
  }
  return stat.isDirectory() ? { folder: absolute, dbFile: path.join(absolute, 'cache.db') } : { folder: path.dirname(absolute), dbFile: absolute };
}

async function readOptional(file: string): Promise<Uint8Array | undefined> {
  try {
    return await fs.promises.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new LocalCacheError(`Cannot read ${file}: ${(error as Error).message}`);
  }
}

export async function toEntry(row: Record<string, unknown>, folder: string, knownTasks: ReadonlySet<string> | undefined, warnings: string[]): Promise<CacheEntryRecord | undefined> {
  const rawKey = row['key'];
  const key = typeof rawKey === 'string' ? rawKey : rawKey instanceof Uint8Array ? Buffer.from(rawKey).toString('utf8') : String(rawKey);
  const parts = splitCacheKey(key, knownTasks);
  if (!parts) {
    warnings.push(`Skipped key "${key}": it does not end in -<32 hex digits>, so it is not a flytekit cache key`);
    return undefined;
  }
  const storedAt = Number(row['store_time'] ?? 0);
  const mode = Number(row['mode']);
  const inline = row['value'];
  const columnSize = Number(row['size'] ?? 0);
  const base = { key, ...parts, storedAt };

  if (mode === MODE_PICKLE) {
    const size = columnSize > 0 ? columnSize : inline instanceof Uint8Array ? inline.byteLength : 0;
    return { ...base, size, outputs: null, legacy: true };
  }

  let bytes: Uint8Array | undefined;
  if (mode === MODE_RAW) {
    if (inline instanceof Uint8Array) bytes = inline;
    else if (typeof inline === 'string') bytes = Buffer.from(inline, 'utf8');
    else {
      warnings.push(`Skipped "${key}": its value is a ${inline === null ? 'NULL' : typeof inline}, not the bytes flytekit stores`);
      return undefined;
    }
  } else if (mode === MODE_BINARY || mode === MODE_TEXT) {
    const file = valueFile(folder, row['filename']);
    if (!file) {
      warnings.push(`"${key}": its value file name "${String(row['filename'])}" points outside the cache folder; outputs not shown`);
      return { ...base, size: columnSize, outputs: null, legacy: false };
    }
    bytes = await readOptional(file);
    if (bytes === undefined) {
      warnings.push(`"${key}": its value file ${file} is missing; outputs not shown`);
      return { ...base, size: columnSize, outputs: null, legacy: false };
    }
  } else {
    warnings.push(`Skipped "${key}": unknown storage mode ${mode}`);
    return undefined;
  }

  // Kept without outputs when not decodable, as an imported entry is (its bytes are decoded when shown).
  let outputs: Record<string, JsonValue> | null;
  try {
    outputs = decodeLiteralMap(bytes);
  } catch (error) {
    warnings.push(`"${key}": its value is not a flyteidl LiteralMap (${(error as Error).message}); outputs not shown`);
    outputs = null;
  }
  return { ...base, size: bytes.byteLength, outputs, legacy: false };
}

/** The .val file's absolute path, or undefined if the stored name would leave the cache folder. */
function valueFile(folder: string, filename: unknown): string | undefined {
  if (typeof filename !== 'string' || filename === '' || path.isAbsolute(filename)) return undefined;
  const file = path.resolve(folder, filename);
  return file.startsWith(folder + path.sep) ? file : undefined;
}
