// Loads scripts/fixtures/flytekit-cache.mjs (the genuine-fixture tools, ESM) from these CommonJS
// tests. TypeScript would turn `import()` into `require()`, which cannot load ESM on Node 20.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export type LiteralDescription = Record<string, unknown>;

export interface FixtureEntry {
  key: string;
  outputs?: Record<string, LiteralDescription>;
  bytes?: Uint8Array;
  pickle?: unknown;
  text?: string;
  storeTime?: number;
}

export interface FixtureTools {
  encodeLiteralMap(outputs: Record<string, LiteralDescription>): Uint8Array;
  cacheKey(task: string, version: string, inputs?: unknown): string;
  writeFlytekitCache(directory: string, entries: FixtureEntry[], options?: { walOnlyFrom?: number }): void;
  encodeFlyte2Outputs(outputs: Record<string, LiteralDescription>): Uint8Array;
  flyte2Key(text: string): string;
  writeFlyte2Cache(directory: string, spec: Flyte2Spec): void;
}

/** flyte-sdk's tables (make_flyte2_cache.py); runs rows use the table's column names. */
export interface Flyte2Spec {
  wal?: boolean;
  taskCache?: { key: string; outputs: Record<string, LiteralDescription> }[];
  runs?: Record<string, string | number | null>[];
  walOnlyFrom?: number;
}

function repoRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'scripts', 'fixtures', 'flytekit-cache.mjs'))) return dir;
    if (path.dirname(dir) === dir) throw new Error('cannot find scripts/fixtures/flytekit-cache.mjs above ' + __dirname);
  }
}

const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<FixtureTools>;

let tools: Promise<FixtureTools> | undefined;
export function fixtureTools(): Promise<FixtureTools> {
  tools ??= importEsm(pathToFileURL(path.join(repoRoot(), 'scripts', 'fixtures', 'flytekit-cache.mjs')).href);
  return tools;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `dir` with its bytes, for before/after comparisons. */
export function snapshotFolder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, file), fs.readFileSync(file));
  }
  return out;
}
