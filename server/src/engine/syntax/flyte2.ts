// Flyte 2 (flyte-sdk) cache vocabulary, from flyte-sdk v2.6.5 src/flyte/_cache/cache.py:
// `CacheBehavior = Literal["auto", "override", "disable"]`, and `Cache.__post_init__` maps
// `behavior.lower()` through `_CACHE_BEHAVIOR_ALIASES` (added 2026-05, #1087) before raising
// `ValueError: Invalid cache behavior: ...` for anything else.
import type { Argument } from './arguments';
import { hasSplat } from './arguments';
import { FLYTE2_CACHE_CLASSES } from './flyte-names';
import { type CallSite, callSite, type FlyteModule, qualifiedCallees } from './tasks';
import { treeIndex } from './tree-index';

export const FLYTE2_BEHAVIORS: readonly string[] = ['auto', 'override', 'disable'];
const ALIASES: readonly string[] = ['enable', 'enabled', 'on', 'true', 'yes', 'off', 'false', 'no', 'none'];

/** Whether flyte-sdk accepts `value` as a cache behavior (aliases included: never flag what a current SDK takes). */
export function isAcceptedBehavior(value: string): boolean {
  return FLYTE2_BEHAVIORS.includes(value) || ALIASES.includes(value.toLowerCase());
}

/** Python's `repr` of a short string, as the SDK's `{behavior!r}` prints it. */
export function pythonRepr(value: string): string {
  return value.includes("'") && !value.includes('"') ? `"${value}"` : `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** A `flyte.Cache(...)` call with readable arguments. */
export interface Flyte2CacheCall {
  readonly call: CallSite;
  /** `behavior`, by keyword or first positional. */
  readonly behavior?: Argument;
  /** `version_override`, by keyword or second positional. */
  readonly versionOverride?: Argument;
}

/** Every `flyte.Cache(...)` call in the file (in decorators, environments, constants, overrides). */
export function flyte2CacheCalls(module: FlyteModule): Flyte2CacheCall[] {
  let out = memo.get(module);
  if (!out) memo.set(module, (out = findFlyte2CacheCalls(module)));
  return [...out];
}

const memo = new WeakMap<FlyteModule, readonly Flyte2CacheCall[]>();

function findFlyte2CacheCalls(module: FlyteModule): Flyte2CacheCall[] {
  if (!module.scope.importedRoots.has('flyte')) return [];
  const text = module.doc.text;
  const out: Flyte2CacheCall[] = [];
  const qualifiedNames = qualifiedCallees(module);
  for (const [i, entry] of treeIndex(module.doc).calls.entries()) {
    const qualified = qualifiedNames[i];
    if (!qualified || !FLYTE2_CACHE_CLASSES.includes(qualified)) continue;
    const call = callSite(entry.node, text);
    if (!call || call.arguments.broken || hasSplat(call.arguments)) continue;
    const positional = call.arguments.args.filter((a) => a.kind === 'positional');
    const named = (name: string): Argument | undefined => call.arguments.args.find((a) => a.kind === 'keyword' && a.name === name);
    const behavior = named('behavior') ?? positional[0];
    const versionOverride = named('version_override') ?? positional[1];
    out.push({ call, ...(behavior ? { behavior } : {}), ...(versionOverride ? { versionOverride } : {}) });
  }
  return out;
}

/** Whether a literal behavior caches: unknown for strings flyte-sdk rejects. */
export function behaviorCaches(value: string): 'on' | 'off' | 'unknown' {
  if (!isAcceptedBehavior(value)) return 'unknown';
  const lower = value.toLowerCase();
  return lower === 'disable' || ['off', 'false', 'no', 'none'].includes(lower) ? 'off' : 'on';
}
