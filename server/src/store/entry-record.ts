// An entries row as a record. Outputs are kept as JSON (entries read in JS) or, for rows an import
// copied with SQL, as the raw LiteralMap bytes (`value`), decoded here when a row is read: a page
// of the tree or the details panel decodes a hundred small messages, an import none.
import { decodeLiteralMap } from '../importers/literal-map';
import type { CacheEntryRecord, JsonValue } from './types';

export function toRecord(r: Record<string, unknown>): CacheEntryRecord {
  return {
    key: String(r['key']),
    task: String(r['task']),
    version: String(r['version']),
    hash: String(r['hash']),
    storedAt: Number(r['stored_at']),
    size: Number(r['size']),
    outputs: outputsOf(r['outputs_json'], r['value']),
    legacy: Number(r['legacy']) !== 0,
  };
}

/** null: legacy, missing, or bytes that are not a LiteralMap (shown as "outputs not decodable"). */
function outputsOf(json: unknown, value: unknown): Record<string, JsonValue> | null {
  if (typeof json === 'string') return JSON.parse(json) as Record<string, JsonValue>;
  if (!(value instanceof Uint8Array)) return null;
  try {
    return decodeLiteralMap(value);
  } catch {
    return null;
  }
}
