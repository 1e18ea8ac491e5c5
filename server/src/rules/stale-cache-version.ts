import { baselinePairs, type TaskPair } from '../engine/baseline-pairs';
import { bumpVersion } from '../engine/bump';
import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { bumpVersionFix } from '../engine/version-edit';

const docs = `## What it does
Compares each cached task with the same task in the file's baseline (the last commit, \`HEAD\`, by
default; the \`flyteCache.baseline\` setting picks another ref) and flags a task whose function body
changed while its cache version stayed the same.

Comments, blank lines, indentation inside brackets, quote style, redundant parentheses, trailing
commas and the docstring do not count as changes. The rule stays silent when the version is not a
literal or a module constant, when the parameters, return annotation or ignored inputs changed too
(they change the cache key), for files without a baseline (untracked, outside a git repository),
and for Flyte 2 tasks whose version is computed from the function body (\`cache="auto"\` without
\`version_override\`).

## Why is this bad?
flytekit looks a cached result up by task name, cache version and input values; Flyte's backend also
hashes the task's typed interface. The function body is part of neither, so after editing the body of
a cached task without bumping its version, every input seen before is a cache hit and the task
returns what the **old** code computed. Nothing warns: the run simply reuses stale outputs
([flyte#2899](https://github.com/flyteorg/flyte/issues/2899)).

## Example
\`\`\`python
# committed:
@task(cache=True, cache_version="1.0")
def train(epochs: int) -> float:
    return fit(epochs, lr=0.1)

# edited, not committed:
@task(cache=True, cache_version="1.0")
def train(epochs: int) -> float:
    return fit(epochs, lr=0.01)
\`\`\`

Use instead:
\`\`\`python
@task(cache=True, cache_version="1.1")
def train(epochs: int) -> float:
    return fit(epochs, lr=0.01)
\`\`\`

## Fix safety
The fix bumps the version (\`"1.0"\` → \`"1.1"\`, a date becomes today's date; see the bump command)
and is safe: fix-all (\`source.fixAll.flyteCache\`, on save if configured) and the source action
"Bump cache versions of all changed tasks" apply it. A new version only costs one recomputation per input, while the
old one serves wrong results. When the version lives in a module constant, the fix bumps the
constant, which starts a new cache for every task using it; the fix title names them. If the edit
really does not change what the task computes (a refactoring), suppress the finding with
\`# noqa: FC401\` instead.

## References
- [flytekit local cache key](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/local_cache.py)
- [Flyte catalog key](https://github.com/flyteorg/flyte/blob/master/flytepropeller/pkg/controller/nodes/catalog/datacatalog/transformer.go)
- [flyte#2899: cache not invalidated when the task code changes](https://github.com/flyteorg/flyte/issues/2899)
- [flyte-sdk \`Cache.get_version\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_cache/cache.py)
`;

/** FC401 */
export const staleCacheVersion: Rule = {
  name: 'stale-cache-version',
  severity: 'warning',
  fixAvailability: 'always',
  summary: 'The task body changed since the baseline but its cache version did not',
  docs,
  // compares with the baseline file.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module, baseline } = context;
    if (!baseline) return [];
    // Tasks sharing one version argument (an environment's) are reported once, together.
    const byArgument = new Map<string, TaskPair[]>();
    for (const pair of baselinePairs(module, baseline.module)) {
      if (!isStale(pair)) continue;
      const value = pair.current.versionArg.value;
      if (!value) continue;
      const key = `${value.from}:${value.to}`;
      byArgument.set(key, [...(byArgument.get(key) ?? []), pair]);
    }
    const findings: RuleFinding[] = [];
    for (const pairs of byArgument.values()) {
      const first = pairs[0];
      const value = first?.current.versionArg.value;
      if (!first || !value) continue;
      const version = first.current.version;
      const fix = bumpVersionFix(module, version, bumpVersion(version.value, new Date()), true);
      if (!fix) continue;
      findings.push({ message: message(pairs.map((p) => p.path), version.value, baseline.ref), start: value.from, end: value.to, fix });
    }
    return findings;
  },
};

function isStale({ current, baseline }: TaskPair): boolean {
  return (
    current.version.value === baseline.version.value &&
    current.shape.body !== baseline.shape.body &&
    current.shape.signature === baseline.shape.signature &&
    current.ignoredInputs === baseline.ignoredInputs
  );
}

function message(names: readonly string[], version: string, ref: string): string {
  const quoted = names.map((n) => `\`${n}\``);
  const subject = quoted.length === 1 ? `The body of ${quoted[0]}` : `The bodies of ${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`;
  const their = quoted.length === 1 ? 'its' : 'their';
  return `${subject} changed since ${ref} but ${their} cache version is still "${version}": cached results from the old code will be served`;
}
