// What an import of a local cache folder reads, without a bind, step or decode per row in JS: the
// Cache rows of the usual shape (a text key `<task>-<version>-<32 hex>`, a numeric store_time, the
// LiteralMap bytes inline or a legacy pickle) are described as a SELECT the store runs on the
// image; only their distinct key prefixes are split in JS. Every other row (a `.val` file, a NULL
// value, an odd key) goes through toEntry as in readFlytekitLocalCache, and so do Flyte 2's rows.
// The LiteralMaps are decoded when shown, so a value that is not one is listed without outputs.
import type { BulkRows } from '../store/import-rows';
import type { CacheEntryRecord } from '../store/types';
import type { HistoryEvent } from '../store/history-types';
import { splitKeyPrefix } from './cache-key';
import { flyte2Entry, runEvents } from './flyte2-local';
import { locateLocalCache, MODE_PICKLE, MODE_RAW, readImage, toEntry, unreadable, type LocalCacheOptions, type ReadonlyImage } from './flytekit-local-cache';

/** Cache rows the store copies from the image attached as `src`, once it is given the image. */
export type CacheRowsSql = Omit<BulkRows, 'image'>;

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
 * The rows of the usual shape, as a condition (NULL counts as false), written with comparisons
 * rather than function calls where they say the same (each call costs sql.js about 10 ms per
 * 100,000 rows):
 * - `substr(key, -33, 1) = '-'`: a text key (a BLOB's substr is a BLOB, never equal to text) of at
 *   least 33 characters with a `-` before the last 32;
 * - `store_time < ''`: a number (numbers sort before text, text before BLOBs);
 * - a LiteralMap's only field is `literals = 1` (length-delimited, tag byte 0x0A), so its bytes are
 *   empty (no outputs) or start with 0x0A: `value = x'' OR value >= x'0A' AND value < x'0B'` (a
 *   BLOB; text and numbers sort before BLOBs). A value that does not is read in JS like the other
 *   odd rows, whose decoding says at import that it is not a LiteralMap.
 */
function usualShape(checkHex: boolean): string {
  const hex = checkHex ? `AND substr(key, -32) GLOB '${'[0-9a-f]'.repeat(32)}'` : '';
  return `substr(key, -33, 1) = '-' ${hex} AND instr(CAST(key AS BLOB), x'00') = 0 AND store_time < ''
    AND ((mode = ${MODE_RAW} AND (value = x'' OR (value >= x'0A' AND value < x'0B'))) OR (mode = ${MODE_PICKLE} AND typeof(size) = 'integer'))`;
}

interface Survey {
  /** Rowids of the rows that are not of the usual shape. */
  odd: number[];
  count: number;
  maxRowid: number;
  pickles: number;
}

/**
 * One pass over Cache: the totals, and the usual rows' last 32 characters in one BLOB with
 * `NUL <rowid> NUL` in place of each other row (a usual key has no NUL, so the two cannot be
 * confused). A regular expression then checks that every ending is lowercase hex (60 ms less than
 * a GLOB per row); when one is not, a second pass decides row by row.
 */
function survey(image: ReadonlyImage): Survey {
  const row = image.query(
    `SELECT CAST(group_concat(CASE WHEN ${usualShape(false)} THEN substr(key, -32) ELSE char(0) || rowid || char(0) END, '') AS BLOB) AS s,
       COUNT(*) AS n, COALESCE(MAX(rowid), -1) AS max, COALESCE(SUM(mode = ${MODE_PICKLE}), 0) AS pickles FROM Cache`,
  )[0];
  const bytes = row?.['s'];
  // One character per byte: anything not ASCII fails the hex test, as it should.
  const text = bytes instanceof Uint8Array ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') : '';
  const totals = { count: Number(row?.['n'] ?? 0), maxRowid: Number(row?.['max'] ?? -1), pickles: Number(row?.['pickles'] ?? 0) };
  if (/^[0-9a-f]*$/.test(text.replace(/\0-?\d+\0/g, ''))) return { ...totals, odd: [...text.matchAll(/\0(-?\d+)\0/g)].map((m) => Number(m[1])) };
  const odd = image.query(`SELECT rowid AS ord FROM Cache WHERE (CASE WHEN ${usualShape(true)} THEN 0 ELSE 1 END) ORDER BY rowid`).map((r) => Number(r['ord']));
  return { ...totals, odd };
}

/** toEntry's results for the usual rows, in SQL: size from the column for pickles (else the bytes'), the bytes for raw values. */
const USUAL_ROWS = `SELECT rowid AS ord, key, substr(key, 1, length(key) - 33) AS prefix, substr(key, -32) AS hash, store_time AS stored_at,
    CASE WHEN mode = ${MODE_PICKLE} THEN (CASE WHEN size > 0 THEN size WHEN typeof(value) = 'blob' THEN length(value) ELSE 0 END) ELSE length(value) END AS size,
    mode = ${MODE_PICKLE} AS legacy, CASE WHEN mode = ${MODE_RAW} THEN value END AS value
  FROM src.Cache WHERE rowid NOT IN (SELECT value FROM json_each(?))`;

const USUAL_PREFIXES = `SELECT DISTINCT substr(key, 1, length(key) - 33) AS prefix FROM src.Cache WHERE rowid NOT IN (SELECT value FROM json_each(?))`;

export async function scanLocalCache<I extends ReadonlyImage>(pathToFolderOrDb: string, opts: Omit<LocalCacheOptions, 'openImage'> & { openImage: (bytes: Uint8Array) => Promise<I> }): Promise<LocalCacheScan<I>> {
  const { folder, dbFile } = await locateLocalCache(pathToFolderOrDb);
  const warnings: string[] = [];
  const bytes = await readImage(folder, dbFile, warnings);
  let image: I | undefined;
  let odd: Record<string, unknown>[] = [];
  let totals: Survey = { odd: [], count: 0, maxRowid: -1, pickles: 0 };
  let flyte2Rows: Record<string, unknown>[] = [];
  let runRows: Record<string, unknown>[] = [];
  try {
    image = await opts.openImage(bytes);
    const tables = new Set(image.query(`SELECT name FROM sqlite_master WHERE type = 'table'`).map((r) => String(r['name'])));
    if (tables.has('Cache')) {
      totals = survey(image);
      odd = image.query(
        `SELECT rowid AS ord, key, raw, store_time, size, mode, filename, value, mode = ${MODE_PICKLE} AS pickle FROM Cache
         WHERE rowid IN (SELECT value FROM json_each(?)) ORDER BY rowid`,
        [JSON.stringify(totals.odd)],
      );
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
  const maxOrd = totals.maxRowid;
  flyte2Rows.forEach((row, i) => {
    const entry = flyte2Entry(row, warnings);
    if (entry) entries.push({ ord: maxOrd + 1 + i, entry });
  });
  const usual = totals.count - odd.length;
  const usualPickles = totals.pickles - odd.filter((r) => Number(r['pickle']) === 1).length;
  const total = totals.count + flyte2Rows.length;
  if (total > 0) opts.onProgress?.(total, total);
  const rows: CacheRowsSql | undefined =
    usual > 0
      ? { sql: USUAL_ROWS, prefixSql: USUAL_PREFIXES, params: [JSON.stringify(odd.map((r) => Number(r['ord'])))], split: (prefix) => splitKeyPrefix(prefix, opts.knownTasks), maxOrd, count: usual }
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
