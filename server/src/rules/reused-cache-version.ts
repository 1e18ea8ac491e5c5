import { baselinePairs } from '../engine/baseline-pairs';
import { bumpVersion } from '../engine/bump';
import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { bumpVersionFix } from '../engine/version-edit';
import { compareVersions } from '../engine/version-order';

const docs = `## What it does
Compares each cached task with the same task in the file's baseline (the last commit, \`HEAD\`, by
default; the \`flyteCache.baseline\` setting picks another ref) and flags a cache version that went
backwards: \`"1.3"\` at the baseline, \`"1.2"\` now.

Versions are ordered only when they have the same shape, the same text around the same number of
digit runs, compared as numbers: \`1.9\` < \`1.10\`, \`v2\` < \`v10\`, \`2024-05-01\` < \`2024-06-01\`.
\`1.0\` and \`1.0.1\`, or \`v2\` and \`release-3\`, are not compared. The rule stays silent when a
version is not a literal or a module constant, and for files without a baseline.

## Why is this bad?
Versions usually only go up, so a lower version has most likely been used before, by older code.
Whatever that older code cached under it is still in the cache (locally and on the backend), and
flytekit serves it for every input it has seen: the task returns results of code that no longer
exists.

## Example
\`\`\`python
# committed:
@task(cache=True, cache_version="1.3")
def train(epochs: int) -> float: ...

# edited, not committed:
@task(cache=True, cache_version="1.2")
def train(epochs: int) -> float: ...
\`\`\`

Use instead:
\`\`\`python
@task(cache=True, cache_version="1.4")
def train(epochs: int) -> float: ...
\`\`\`

## Fix safety
The fix sets the version one above the baseline's (\`"1.3"\` → \`"1.4"\`; a date becomes today's) and is
unsafe, so fix-all does not apply it: going back can be deliberate, for instance when reverting a task
to the code that really did produce the results cached under the old version. Then keep the version
and suppress the finding with \`# noqa: FC402\`.

## References
- [flytekit local cache key](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/local_cache.py)
- [Flyte docs: caching](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
`;

/** FC402 */
export const reusedCacheVersion: Rule = {
  name: 'reused-cache-version',
  severity: 'warning',
  fixAvailability: 'always',
  summary: 'The cache version went back to a lower version than the baseline has',
  docs,
  // compares with the baseline file.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module, baseline } = context;
    if (!baseline) return [];
    const findings: RuleFinding[] = [];
    for (const { path, current, baseline: old } of baselinePairs(module, baseline.module)) {
      const order = compareVersions(current.version.value, old.version.value);
      const value = current.versionArg.value;
      if (order === undefined || order >= 0 || !value) continue;
      const fix = bumpVersionFix(module, current.version, bumpVersion(old.version.value, new Date()), false);
      if (!fix) continue;
      const message = `Cache version "${current.version.value}" of \`${path}\` is lower than "${old.version.value}" at ${baseline.ref}: results cached under "${current.version.value}" by older code can be served`;
      findings.push({ message, start: value.from, end: value.to, fix });
    }
    return findings;
  },
};
