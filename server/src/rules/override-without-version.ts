import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import type { Argument } from '../engine/syntax/arguments';
import { flyte2CacheCalls } from '../engine/syntax/flyte2';
import { stringLiteral } from '../engine/syntax/strings';

const docs = `## What it does
Checks for the Flyte 2 cache behavior \`"override"\` without a \`version_override\`: \`flyte.Cache(behavior="override")\`,
and the shorthand \`cache="override"\` on \`TaskEnvironment(...)\` or \`@env.task(...)\`.

## Why is this bad?
\`"override"\` says "I set the cache version myself", but without \`version_override\` flyte-sdk computes
the version from the cache policies, by default a hash of the function body, exactly as \`"auto"\` does.
Every edit of the function starts a new cache, which is what the author meant to avoid.

## Example
\`\`\`python
import flyte

env = flyte.TaskEnvironment(name="train")

@env.task(cache=flyte.Cache(behavior="override"))
async def train(epochs: int) -> float: ...
\`\`\`

Use instead:
\`\`\`python
import flyte

env = flyte.TaskEnvironment(name="train")

@env.task(cache=flyte.Cache(behavior="override", version_override="1"))
async def train(epochs: int) -> float: ...
\`\`\`

## Fix safety
No fix: choosing a version is the author's decision.

## References
- [flyte-sdk \`Cache.get_version\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_cache/cache.py)
`;

const MESSAGE = 'Cache behavior `"override"` without `version_override` computes the version from the function body, like `"auto"`';

/** FC207 */
export const overrideWithoutVersion: Rule = {
  name: 'override-without-version',
  severity: 'warning',
  fixAvailability: 'none',
  summary: 'Flyte 2 cache behavior `"override"` without a `version_override`',
  docs,
  // scans every flyte 2 `Cache(...)` call and environment calls, interleaved with tasks.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const text = module.doc.text;
    const findings: RuleFinding[] = [];
    const isOverride = (arg: Argument | undefined): boolean => !!arg?.value && stringLiteral(arg.value, text)?.value === 'override';
    for (const { behavior, versionOverride } of flyte2CacheCalls(module)) {
      const noVersion = !versionOverride || (versionOverride.value && text.slice(versionOverride.value.from, versionOverride.value.to) === 'None');
      if (behavior && isOverride(behavior) && noVersion) findings.push({ message: MESSAGE, start: behavior.start, end: behavior.end });
    }
    // The string shorthand builds `Cache(behavior="override")`, which can hold no version.
    const calls = [
      ...module.environments.filter((e) => e.sdk === 'flyte2').map((e) => e.call),
      ...module.tasks.filter((t) => t.sdk === 'flyte2' && !t.broken && t.call).flatMap((t) => (t.call ? [t.call] : [])),
    ];
    for (const call of calls) {
      if (call.arguments.broken) continue;
      const arg = call.arguments.args.find((a) => a.kind === 'keyword' && a.name === 'cache');
      if (arg && isOverride(arg)) findings.push({ message: MESSAGE, start: arg.start, end: arg.end });
    }
    return findings;
  },
};
