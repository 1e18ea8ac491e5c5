import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { cacheConfig } from '../engine/syntax/cache-config';
import { flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for flytekit tasks that turn caching on with an empty version: \`cache_version=""\` next to
\`cache=True\`, or \`cache=Cache(version="")\`.

## Why is this bad?
An empty string is a version as far as \`Cache\` is concerned (it is not \`None\`, so no policy is
asked for one), but \`TaskMetadata\` then finds caching on with a falsy version and raises when the
module is imported:

\`\`\`
ValueError: Caching is enabled \`\`cache=True\`\` but \`\`cache_version\`\` is not set.
\`\`\`

An empty version with caching off raises nothing; \`cache-settings-without-cache\` (FC201) reports
that instead.

## Example
\`\`\`python
from flytekit import Cache, task

@task(cache=True, cache_version="")
def train(epochs: int) -> float: ...

@task(cache=Cache(version=""))
def featurize(path: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=True, cache_version="1")
def train(epochs: int) -> float: ...

@task(cache=Cache(version="1"))
def featurize(path: str) -> str: ...
\`\`\`

## Fix safety
Setting the version to \`"1"\` is safe: the decorator raised before, so no cached result depends on
the old value. It is offered when the empty string is written at the argument; a version held in a
module constant is left to you.

## References
- [flytekit \`TaskMetadata\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/base_task.py)
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
`;

const MESSAGE = 'The cache version is empty: `ValueError: Caching is enabled ``cache=True`` but ``cache_version`` is not set.`';

/** FC102 */
export const emptyCacheVersion: Rule = {
  name: 'empty-cache-version',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: 'Caching is on with an empty cache version',
  docs,
  // per task: its cache config.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of flytekitTasks(module)) {
      const config = cacheConfig(module, task);
      // flytekit v1.16.24 base_task.py TaskMetadata.__post_init__: `if self.cache and not self.cache_version`.
      if (config.opaque || config.cache !== 'on' || config.version.kind !== 'known' || config.version.version.value !== '') continue;
      const { arg, version } = config.version;
      const fix: Fix | undefined = version.viaConstant
        ? undefined
        : { title: 'Set the version to `"1"`', edits: [{ start: version.literal.contentStart, end: version.literal.contentEnd, newText: '1' }], safe: true };
      findings.push({ message: MESSAGE, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) });
    }
    return findings;
  },
};
