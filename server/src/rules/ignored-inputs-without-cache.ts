import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { removeArguments } from '../engine/syntax/argument-edits';
import { cacheConfig, effectiveKeyword } from '../engine/syntax/cache-config';
import { literalTruthiness, pythonStr } from '../engine/syntax/literals';
import { flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for flytekit tasks that list \`cache_ignore_input_vars\` without turning caching on
(\`cache=False\` or no \`cache\` at all).

## Why is this bad?
Ignored inputs are left out of the cache key, so they only mean something for a cached task.
\`TaskMetadata\` refuses the combination and the decorator raises when the module is imported:

\`\`\`
ValueError: Cache ignore input vars are specified \`\`cache_ignore_input_vars=('seed',)\`\` but \`\`cache\`\` is not enabled.
\`\`\`

An empty tuple is falsy and raises nothing, so it is not reported.

## Example
\`\`\`python
from flytekit import task

@task(cache_ignore_input_vars=("seed",))
def sample(n: int, seed: int) -> list[int]: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(version="1", ignored_inputs=("seed",)))
def sample(n: int, seed: int) -> list[int]: ...
\`\`\`

## Fix safety
Removing \`cache_ignore_input_vars\` is safe: the decorator raised before, and afterwards the task
runs uncached, as its \`cache\` setting says. If you meant to cache the task, turn caching on with
a version instead. No fix is offered when the keyword comes from an \`Environment\` (other tasks
share it).

## References
- [flytekit \`TaskMetadata\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/base_task.py)
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
`;

/** FC104 */
export const ignoredInputsWithoutCache: Rule = {
  name: 'ignored-inputs-without-cache',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: '`cache_ignore_input_vars` on a task that does not cache',
  docs,
  // per task: its cache config and effective keywords.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const text = module.doc.text;
    const findings: RuleFinding[] = [];
    for (const task of flytekitTasks(module)) {
      const config = cacheConfig(module, task);
      const found = effectiveKeyword(task, 'cache_ignore_input_vars');
      // flytekit v1.16.24 base_task.py TaskMetadata.__post_init__: `if self.cache_ignore_input_vars and not self.cache`.
      if (config.opaque || config.cache !== 'off' || !found?.arg.value) continue;
      if (literalTruthiness(found.arg.value, text) !== true) continue;
      const { arg } = found;
      const shown = pythonStr(found.arg.value, text) ?? '...';
      const message = `\`cache_ignore_input_vars\` without caching: \`ValueError: Cache ignore input vars are specified \`\`cache_ignore_input_vars=${shown}\`\` but \`\`cache\`\` is not enabled.\``;
      const fix: Fix | undefined =
        found.fromEnvironment || !task.call
          ? undefined
          : { title: 'Remove `cache_ignore_input_vars`', edits: removeArguments(task.call.arguments, new Set([arg])), safe: true };
      findings.push({ message, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) });
    }
    return findings;
  },
};
