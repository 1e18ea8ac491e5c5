import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { cacheConfig } from '../engine/syntax/cache-config';

const docs = `## What it does
Checks for Flyte 2 tasks declared with \`@env.task(cache=False)\` whose environment turns caching on.

## Why is this bad?
flyte-sdk's \`env.task\` passes \`cache or env.cache\` on, so \`False\` (like \`None\`) means "not set here":
the task inherits the environment's cache setting and is cached. Only the behavior \`"disable"\`
turns caching off for one task.

## Example
\`\`\`python
import flyte

env = flyte.TaskEnvironment(name="etl", cache="auto")

@env.task(cache=False)
async def fetch_latest(url: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
import flyte

env = flyte.TaskEnvironment(name="etl", cache="auto")

@env.task(cache="disable")
async def fetch_latest(url: str) -> str: ...
\`\`\`

## Fix safety
The fix replaces \`False\` with \`"disable"\` and is safe: it does what \`cache=False\` says. The task is no
longer served from the cache, which is what its author asked for.

## References
- [flyte-sdk \`TaskEnvironment.task\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_task_environment.py)
- [flyte-sdk \`Cache\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_cache/cache.py)
`;

/** FC206 */
export const cacheFalseInherits: Rule = {
  name: 'cache-false-inherits',
  severity: 'warning',
  fixAvailability: 'always',
  summary: 'Flyte 2 `cache=False` inherits the environment\'s cache instead of disabling it',
  docs,
  // per task: its own `cache=` argument and its environment's.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const text = module.doc.text;
    const findings: RuleFinding[] = [];
    for (const task of module.tasks) {
      if (task.sdk !== 'flyte2' || task.broken || !task.call) continue;
      const arg = task.call.arguments.args.find((a) => a.kind === 'keyword' && a.name === 'cache');
      const value = arg?.value;
      if (!arg || !value || text.slice(value.from, value.to) !== 'False') continue;
      const config = cacheConfig(module, task);
      const inherited = config.cacheArgument;
      // Only when the inherited setting is known to cache: otherwise False may well mean "disable".
      if (config.opaque || config.cache !== 'on' || !inherited?.fromEnvironment) continue;
      const from = inherited.arg.value ? text.slice(inherited.arg.value.from, inherited.arg.value.to) : 'True';
      if (from === 'True') continue; // `TaskEnvironment(cache=True)` raises: FC108
      const message = `\`cache=False\` does not disable caching in Flyte 2: the task inherits the environment's \`cache=${from}\``;
      findings.push({
        message,
        start: arg.start,
        end: arg.end,
        fix: { title: 'Replace with `"disable"`', edits: [{ start: value.from, end: value.to, newText: '"disable"' }], safe: true },
      });
    }
    return findings;
  },
};
