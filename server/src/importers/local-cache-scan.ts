// What an import of a local cache folder reads, without a bind, step or decode per row in JS: the
// Cache rows of the usual shape (a text key `<task>-<version>-<32 hex>`, a numeric store_time, the
// LiteralMap bytes inline or a legacy pickle) are described as a SELECT the store runs on the
// image; only their distinct key prefixes are split in JS. Every other row (a `.val` file, a NULL
// value, an odd key) goes through toEntry as in readFlytekitLocalCache, and so do Flyte 2's rows.
// The LiteralMaps are decoded when shown, so a value that is not one is listed without outputs.
import type { CacheEntryRecord } from '../store/types';
import type { HistoryEvent } from '../store/history-types';
import { splitKeyPrefix } from './cache-key';
import { flyte2Entry, runEvents } from './flyte2-local';
import { locateLocalCache, MODE_PICKLE, MODE_RAW, readImage, toEntry, unreadable, type LocalCacheOptions, type ReadonlyImage } from './flytekit-local-cache';

/** Cache rows the store copies from the image attached as `src` (see BulkRows in store/import-rows.ts). */
export interface CacheRowsSql {
  sql: string;
  params: unknown[];
  split: (prefix: string) => { task: string; version: string };
  maxOrd: number;
  count: number;
}

export interface LocalCacheScan<I extends ReadonlyImage> {
  /** Absolute cache folder. */
  source: string;
  /** The image, still open: the store copies `rows` from it. The caller closes it. */
  image: I;
  rows?: CacheRowsSql;
  /** Rows read in JS, with their place (ord) among all rows. */
  entries: { ord: number; entry: CacheEntryRecord }[];
  /** Legacy (pickled) entries among all. */
  legacy: number;
  events: HistoryEvent[];
  warnings: string[];
}

/**
 * A LiteralMap's only field is `literals = 1` (length-delimited, tag byte 0x0A), so its bytes are
 * empty (no outputs) or start with 0x0A. A value that does not is read in JS like the other odd
 * rows, whose decoding says at import that it is not a LiteralMap.
 */
const LITERAL_MAP_START = `(length(value) = 0 OR substr(value, 1, 1) = x'0A')`;

/** The rows of the usual shape; never NULL, so NOT picks exactly the others. */
function usualShape(hexChecked: boolean): string {
  const hex = hexChecked ? '' : `AND substr(key, -32) GLOB '${'[0-9a-f]'.repeat(32)}'`;
  return `COALESCE(typeof(key) = 'text' AND length(key) >= 33 AND substr(key, -33, 1) = '-' ${hex}
    AND instr(CAST(key AS BLOB), x'00') = 0 AND typeof(store_time) IN ('integer', 'real') AND typeof(mode) = 'integer'
    AND ((mode = ${MODE_RAW} AND typeof(value) = 'blob' AND ${LITERAL_MAP_START}) OR (mode = ${MODE_PICKLE} AND typeof(size) = 'integer')), 0)`;
}

/**
 * Whether every text key of 33 characters or more ends in 32 lowercase hex digits: one string of
 * all those endings checked by a regular expression instead of a GLOB per row (60 ms less for
 * 100,000 rows). When one does not, the GLOB decides row by row.
 */
function allEndInHex(image: ReadonlyImage): boolean {
  const endings = image.query(`SELECT group_concat(substr(key, -32), '') AS s FROM Cache WHERE typeof(key) = 'text' AND length(key) >= 33`)[0]?.['s'];
  return typeof endings !== 'string' || /^[0-9a-f]*$/.test(endings);
}

/** toEntry's results for the usual rows, in SQL: size from the column for pickles (else the bytes'), the bytes for raw values. */
const USUAL_ROWS = `SELECT rowid AS ord, key, substr(key, 1, length(key) - 33) AS prefix, substr(key, -32) AS hash, store_time AS stored_at,
    CASE WHEN mode = ${MODE_PICKLE} THEN (CASE WHEN size > 0 THEN size WHEN typeof(value) = 'blob' THEN length(value) ELSE 0 END) ELSE length(value) END AS size,
    mode = ${MODE_PICKLE} AS legacy, CASE WHEN mode = ${MODE_RAW} THEN value END AS value
  FROM src.Cache WHERE rowid NOT IN (SELECT value FROM json_each(?))`;

export async function scanLocalCache<I extends ReadonlyImage>(pathToFolderOrDb: string, opts: Omit<LocalCacheOptions, 'openImage'> & { openImage: (bytes: Uint8Array) => Promise<I> }): Promise<LocalCacheScan<I>> {
  const { folder, dbFile } = await locateLocalCache(pathToFolderOrDb);
  const warnings: string[] = [];
  const bytes = await readImage(folder, dbFile, warnings);
  let image: I | undefined;
  let odd: Record<string, unknown>[] = [];
  let totals: Record<string, unknown> = {};
  let flyte2Rows: Record<string, unknown>[] = [];
  let runRows: Record<string, unknown>[] = [];
  try {
    image = await opts.openImage(bytes);
    const tables = new Set(image.query(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((r) => String(r['name'])));
    if (tables.has('Cache')) {
      odd = image.query(`SELECT rowid AS ord, key, raw, store_time, size, mode, filename, value, mode = ${MODE_PICKLE} AS pickle FROM Cache WHERE NOT ${usualShape(allEndInHex(image))} ORDER BY rowid`);
      totals = image.query(`SELECT COUNT(*) AS n, COALESCE(MAX(rowid), -1) AS max, COALESCE(SUM(mode = ${MODE_PICKLE}), 0) AS pickles FROM Cache`)[0] ?? {};
    }
    if (tables.has('task_cache')) flyte2Rows = image.query('SELECT key, value FROM task_cache ORDER BY key');
    if (tables.has('runs')) runRows = image.query('SELECT * FROM runs ORDER BY start_time, run_name, action_name');
    if (!tables.has('Cache') && !tables.has('task_cache')) warnings.push(`${dbFile} has no Cache table: it is not a flytekit local cache`);
  } catch (error) {
    image?.close();
    throw unreadable(error, dbFile);
  }

  const entries: { ord: number; entry: CacheEntryRecord }[] = [];
  for (const row of odd) {
    const entry = await toEntry(row, folder, opts.knownTasks, warnings);
    if (entry) entries.push({ ord: Number(row['ord']), entry });
  }
  const maxOrd = Number(totals['max'] ?? -1);
  flyte2Rows.forEach((row, i) => {
    const entry = flyte2Entry(row, warnings);
    if (entry) entries.push({ ord: maxOrd + 1 + i, entry });
  });
  const usual = Number(totals['n'] ?? 0) - odd.length;
  const usualPickles = Number(totals['pickles'] ?? 0) - odd.filter((r) => Number(r['pickle']) === 1).length;
  const total = Number(totals['n'] ?? 0) + flyte2Rows.length;
  if (total > 0) opts.onProgress?.(total, total);
  const rows: CacheRowsSql | undefined =
    usual > 0
      ? { sql: USUAL_ROWS, params: [JSON.stringify(odd.map((r) => Number(r['ord'])))], split: (prefix) => splitKeyPrefix(prefix, opts.knownTasks), maxOrd, count: usual }
      : undefined;
  return {
    source: folder,
    image,
    ...(rows ? { rows } : {}),
    entries,
    legacy: usualPickles + entries.filter((e) => e.entry.legacy).length,
    events: runRows.flatMap(runEvents),
    warnings,
  };
}
