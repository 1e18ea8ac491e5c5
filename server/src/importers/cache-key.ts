// Splits flytekit local-cache keys `<task>-<version>-<32 hex>`. Task names may contain `-`
// (a script run as `python my-pipeline.py`) and versions contain `-` and `.` freely, so the
// split is a heuristic; a task name known from the workspace wins when one fits.

export interface CacheKeyParts {
  task: string;
  version: string;
  /** joblib.hash of the inputs: an id, not reproducible outside Python. */
  hash: string;
}

const KEY = /^(.*)-([0-9a-f]{32})$/s;
const ENDS_IN_DOTTED_IDENTIFIER = /\.[A-Za-z_][A-Za-z0-9_]*$/;

/** undefined when the key does not end in `-<32 hex>` (not a flytekit key). */
export function splitCacheKey(key: string, knownTasks?: ReadonlySet<string>): CacheKeyParts | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  return { ...splitKeyPrefix(match[1]!, knownTasks), hash: match[2]! };
}

/** The task and version of a key's part before `-<32 hex>`. */
export function splitKeyPrefix(rest: string, knownTasks?: ReadonlySet<string>): { task: string; version: string } {
  let known: string | undefined;
  for (const task of knownTasks ?? []) {
    if (rest.startsWith(`${task}-`) && (known === undefined || task.length > known.length)) known = task;
  }
  if (known !== undefined) return { task: known, version: rest.slice(known.length + 1) };

  const dashes: number[] = [];
  for (let i = rest.indexOf('-'); i >= 0; i = rest.indexOf('-', i + 1)) dashes.push(i);
  // Shortest prefix that ends in `.identifier` right before a dash: a dotted Python path.
  for (const at of dashes) {
    if (ENDS_IN_DOTTED_IDENTIFIER.test(rest.slice(0, at))) return { task: rest.slice(0, at), version: rest.slice(at + 1) };
  }
  // No dotted path: a notebook or `__main__` task, the name before the first dash.
  const first = dashes[0];
  if (first !== undefined) return { task: rest.slice(0, first), version: rest.slice(first + 1) };
  return { task: rest, version: '' };
}
