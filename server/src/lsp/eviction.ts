// The server side of `flyteCache/evict`: plans from cache.db (read-only), and unless it is a dry
// run has the client-chosen Python delete the entries with diskcache, then records `evicted`
// events and re-imports the folder into the explorer's store.
import type { EvictRequest } from '../../../protocol/src/protocol';
import { executeEviction, planEviction } from '../local-cache/evict';
import { describeTarget } from '../local-cache/evict-target';
import type { Explorer } from './explorer';

export async function evictEntries(explorer: Explorer, params: EvictRequest.Params, cacheDir: string): Promise<EvictRequest.Result> {
  const plan = await planEviction(cacheDir, params.target);
  const description = describeTarget(params.target);
  if (params.dryRun || plan.entries.length === 0) return { source: plan.source, description, keys: plan.entries.map((e) => e.key), missing: [] };
  const outcome = await explorer.withStore(async (store) => {
    const done = await executeEviction(plan, params.python || 'python3', store);
    await store.save();
    return done;
  });
  return { source: plan.source, description, keys: outcome.removed.map((e) => e.key), missing: outcome.missing };
}
