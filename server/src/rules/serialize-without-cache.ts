import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { removeArguments } from '../engine/syntax/argument-edits';
import { cacheConfig, effectiveKeyword } from '../engine/syntax/cache-config';
import { literalTruthiness } from '../engine/syntax/literals';
import { flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for flytekit tasks that set \`cache_serialize=True\` without turning caching on (\`cache=False\`
or no \`cache\` at all).

## Why is this bad?
Serializing identical executions only means something for a cached task. \`TaskMetadata\` refuses the
combination and the decorator raises when the module is imported:

\`\`\`
ValueError: Cache serialize is enabled \`\`cache_serialize=True\`\` but \`\`cache\`\` is not enabled.
\`\`\`

This rule owns \`cache_serialize=True\` without caching; \`cache-settings-without-cache\` (FC201)
covers a \`cache_version\` that is set while caching is off, which raises nothing.

## Example
\`\`\`python
from flytekit import task

@task(cache_serialize=True)
def load(path: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import task

@task(cache=True, cache_version="1", cache_serialize=True)
def load(path: str) -> str: ...
\`\`\`

## Fix safety
Removing \`cache_serialize\` is safe: the decorator raised before, and afterwards the task runs
uncached, as its \`cache\` setting says. If you meant to cache the task, turn caching on with a
version instead. No fix is offered when the keyword comes from an \`Environment\` (other tasks
share it).

## References
- [flytekit \`TaskMetadata\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/base_task.py)
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
`;

const MESSAGE = '`cache_serialize=True` without caching: `ValueError: Cache serialize is enabled ``cache_serialize=True`` but ``cache`` is not enabled.`';

/** FC103 */
export const serializeWithoutCache: Rule = {
  name: 'serialize-without-cache',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: '`cache_serialize=True` on a task that does not cache',
  docs,
  // per task: its cache config and effective keywords.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of flytekitTasks(module)) {
      const config = cacheConfig(module, task);
      const found = effectiveKeyword(task, 'cache_serialize');
      // flytekit v1.16.24 base_task.py TaskMetadata.__post_init__: `if self.cache_serialize and not self.cache`.
      if (config.opaque || config.cache !== 'off' || !found?.arg.value) continue;
      if (literalTruthiness(found.arg.value, module.doc.text) !== true) continue;
      const { arg } = found;
      const fix: Fix | undefined =
        found.fromEnvironment || !task.call
          ? undefined
          : { title: 'Remove `cache_serialize`', edits: removeArguments(task.call.arguments, new Set([arg])), safe: true };
      findings.push({ message: MESSAGE, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) });
    }
    return findings;
  },
};
