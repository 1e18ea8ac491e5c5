import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import type { Argument } from '../engine/syntax/arguments';
import { flyte2CacheArgument } from '../engine/syntax/cache-config';
import { FLYTE2_BEHAVIORS, flyte2CacheCalls, isAcceptedBehavior, pythonRepr } from '../engine/syntax/flyte2';
import { pythonString, stringLiteral } from '../engine/syntax/strings';
import type { FlyteModule } from '../engine/syntax/tasks';
import { editDistance } from '../engine/syntax/nearest-name';

const docs = `## What it does
Checks Flyte 2 (\`import flyte\`) cache settings that flyte-sdk rejects: a behavior string other
than \`"auto"\`, \`"override"\` or \`"disable"\` (and the aliases recent flyte-sdk accepts), a boolean
\`cache=True\` on \`TaskEnvironment(...)\` or \`@env.task(...)\`, and a \`TaskEnvironment(cache=False)\`
inherited by a task.

## Why is this bad?
flyte-sdk validates the behavior when it builds a \`flyte.Cache\` (for a plain string, when the task
is run or deployed) and raises:

\`\`\`
ValueError: Invalid cache behavior: 'Auto'. Must be one of ['auto', 'override', 'disable']
\`\`\`

\`TaskEnvironment\` checks the type of its \`cache\` when it is created:

\`\`\`
TypeError: Expected cache to be of type str or Cache, got <class 'bool'>
\`\`\`

Booleans are flytekit's spelling. In Flyte 2, \`@env.task(cache=True)\` reaches \`flyte.Cache(behavior=True)\`
and raises the \`ValueError\` above, and a falsy \`TaskEnvironment(cache=False)\` is handed to every task
that does not set its own cache, which then raises the same way.

Aliases such as \`"enable"\`, \`"on"\` and \`"off"\` are accepted by flyte-sdk releases from May 2026 on and
are not flagged.

## Example
\`\`\`python
import flyte

env = flyte.TaskEnvironment(name="etl", cache=True)

@env.task(cache="Auto")
async def load(path: str) -> str: ...

@env.task(cache=flyte.Cache(behavior="sometimes"))
async def transform(path: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
import flyte

env = flyte.TaskEnvironment(name="etl", cache="auto")

@env.task(cache="auto")
async def load(path: str) -> str: ...

@env.task(cache=flyte.Cache(behavior="auto"))
async def transform(path: str) -> str: ...
\`\`\`

## Fix safety
The fix is safe when the intent is unambiguous: a valid behavior in another case or with spaces
(\`"Auto"\` → \`"auto"\`), \`cache=True\` → \`"auto"\` (what \`pyflyte-migrate\` writes), and an inherited
\`TaskEnvironment(cache=False)\` → \`"disable"\`. The code raised before, so no cached result depends on
it. A misspelling at most two edits from one behavior (\`"disabled"\` → \`"disable"\`) gets an unsafe
fix: it guesses. Other values get no fix.

## References
- [flyte-sdk \`Cache\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_cache/cache.py)
- [flyte-sdk \`TaskEnvironment\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_task_environment.py)
`;

const VALID = "['auto', 'override', 'disable']";

/** FC108 */
export const invalidCacheBehavior: Rule = {
  name: 'invalid-cache-behavior',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: 'A Flyte 2 cache behavior flyte-sdk rejects',
  docs,
  // scans every `Cache(...)` call, and an environment's `cache=False` is reported when any task inherits it.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const text = module.doc.text;
    const findings: RuleFinding[] = [];
    for (const { behavior } of flyte2CacheCalls(module)) {
      const finding = behavior?.value ? checkBehavior(text, behavior, behavior.value.from, behavior.value.to) : undefined;
      if (finding) findings.push(finding);
    }
    for (const env of module.environments) {
      if (env.sdk !== 'flyte2' || env.call.arguments.broken) continue;
      const arg = cacheKeyword(env.call.arguments.args);
      const value = arg?.value;
      if (!arg || !value) continue;
      const literal = text.slice(value.from, value.to);
      if (literal === 'True') {
        const message = '`TaskEnvironment` takes a behavior string, not a boolean: `TypeError: Expected cache to be of type str or Cache, got <class \'bool\'>`';
        findings.push({ message, start: arg.start, end: arg.end, fix: replaceWith(value, '"auto"', true) });
      } else if (literal === 'False' && inheritedFalse(module, arg)) {
        const message = `Tasks inherit \`cache=False\`, which is not a Flyte 2 cache behavior: \`ValueError: Invalid cache behavior: False. Must be one of ${VALID}\``;
        findings.push({ message, start: arg.start, end: arg.end, fix: replaceWith(value, '"disable"', true) });
      } else if (value.name === 'String') {
        const finding = checkBehavior(text, arg, value.from, value.to);
        if (finding) findings.push(finding);
      }
    }
    for (const task of module.tasks) {
      if (task.sdk !== 'flyte2' || task.broken || !task.call) continue;
      const arg = cacheKeyword(task.call.arguments.args);
      const value = arg?.value;
      if (!arg || !value) continue;
      if (text.slice(value.from, value.to) === 'True') {
        const message = `\`cache=True\` is not a Flyte 2 cache behavior: \`ValueError: Invalid cache behavior: True. Must be one of ${VALID}\``;
        findings.push({ message, start: arg.start, end: arg.end, fix: replaceWith(value, '"auto"', true) });
      } else if (value.name === 'String') {
        const finding = checkBehavior(text, arg, value.from, value.to);
        if (finding) findings.push(finding);
      }
    }
    return findings;
  },
};

function cacheKeyword(args: readonly Argument[]): Argument | undefined {
  return args.find((a) => a.kind === 'keyword' && a.name === 'cache');
}

/** `TaskEnvironment(cache=False)` raises only for the tasks that end up with it. */
function inheritedFalse(module: FlyteModule, arg: Argument): boolean {
  return module.tasks.some((t) => t.sdk === 'flyte2' && !t.broken && flyte2CacheArgument(module.doc.text, t)?.arg === arg);
}

/** A literal behavior (string, boolean, None, number) flyte-sdk rejects; unknown expressions pass. */
function checkBehavior(text: string, arg: Argument, from: number, to: number): RuleFinding | undefined {
  const value = arg.value;
  if (!value) return undefined;
  const raw = text.slice(from, to);
  if (['True', 'False', 'None'].includes(raw) || value.name === 'Number') {
    const message = `\`${raw}\` is not a Flyte 2 cache behavior: \`ValueError: Invalid cache behavior: ${raw}. Must be one of ${VALID}\``;
    return { message, start: arg.start, end: arg.end };
  }
  const literal = stringLiteral(value, text);
  if (!literal || isAcceptedBehavior(literal.value)) return undefined;
  const message = `\`${pythonString(literal.value)}\` is not a Flyte 2 cache behavior: \`ValueError: Invalid cache behavior: ${pythonRepr(literal.value)}. Must be one of ${VALID}\``;
  const fix = nearestBehaviorFix(value, literal.value);
  return { message, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) };
}

function nearestBehaviorFix(value: { from: number; to: number }, behavior: string): Fix | undefined {
  const normalized = behavior.trim().toLowerCase();
  if (FLYTE2_BEHAVIORS.includes(normalized)) return replaceWith(value, pythonString(normalized), true);
  const ranked = FLYTE2_BEHAVIORS.map((b) => [b, editDistance(normalized, b)] as const).sort((a, b) => a[1] - b[1]);
  const [best, second] = ranked;
  if (!best || best[1] > 2 || (second && second[1] === best[1])) return undefined;
  return replaceWith(value, pythonString(best[0]), false);
}

function replaceWith(value: { from: number; to: number }, newText: string, safe: boolean): Fix {
  return { title: `Replace with \`${newText}\``, edits: [{ start: value.from, end: value.to, newText }], safe };
}
