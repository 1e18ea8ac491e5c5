import type { Argument } from './arguments';
import { FLYTE2_CACHE_CLASSES, FLYTEKIT_CACHE_CLASSES } from './flyte-names';
import { type CallSite, callSite, type FlyteModule, qualifiedCallees } from './tasks';
import { treeIndex } from './tree-index';

/** A call to flytekit's `Cache(...)` or Flyte 2's `flyte.Cache(...)`, wherever it appears. */
export interface CacheCall {
  readonly sdk: 'flytekit' | 'flyte2';
  readonly call: CallSite;
}

// Dataclass fields in declaration order (positional arguments bind in this order):
// flytekit v1.16.24 flytekit/core/cache.py `Cache`; flyte-sdk v2.6.5 src/flyte/_cache/cache.py `Cache`.
export const CACHE_FIELDS: Readonly<Record<CacheCall['sdk'], readonly string[]>> = {
  flytekit: ['version', 'serialize', 'ignored_inputs', 'salt', 'policies'],
  flyte2: ['behavior', 'version_override', 'serialize', 'ignored_inputs', 'salt', 'policies'],
};

/** Every `Cache(...)` call of the file whose callee resolves to an SDK's cache class; broken calls are skipped. */
export function cacheCalls(module: FlyteModule): CacheCall[] {
  let out = memo.get(module);
  if (!out) memo.set(module, (out = findCacheCalls(module)));
  return [...out];
}

const memo = new WeakMap<FlyteModule, readonly CacheCall[]>();

function findCacheCalls(module: FlyteModule): CacheCall[] {
  const text = module.doc.text;
  const out: CacheCall[] = [];
  const qualifiedNames = qualifiedCallees(module);
  for (const [i, entry] of treeIndex(module.doc).calls.entries()) {
    if (entry.inError) continue; // error subtrees are skipped
    const qualified = qualifiedNames[i];
    const sdk = !qualified ? undefined : FLYTEKIT_CACHE_CLASSES.includes(qualified) ? 'flytekit' : FLYTE2_CACHE_CLASSES.includes(qualified) ? 'flyte2' : undefined;
    const call = sdk ? callSite(entry.node, text) : undefined;
    if (sdk && call && !call.arguments.broken) out.push({ sdk, call });
  }
  return out;
}

/** The argument that binds to `field`: by keyword, or by position (before any `*args`). */
export function cacheField(cache: CacheCall, field: string): Argument | undefined {
  const args = cache.call.arguments.args;
  const byName = args.find((a) => a.kind === 'keyword' && a.name === field);
  if (byName) return byName;
  const index = CACHE_FIELDS[cache.sdk].indexOf(field);
  const positional: Argument[] = [];
  for (const a of args) {
    if (a.kind === 'star') return undefined;
    if (a.kind === 'positional') positional.push(a);
  }
  return index >= 0 ? positional[index] : undefined;
}
