import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { cacheConfig } from '../engine/syntax/cache-config';
import { insertKeyword, ownKeyword } from '../engine/syntax/keyword-edits';
import type { Argument } from '../engine/syntax/arguments';
import type { CallSite, TaskDecl } from '../engine/syntax/tasks';
import { flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for flytekit tasks that set a \`cache_version\` while caching is off: \`cache=False\`, or no
\`cache\` at all — the pattern of a widely copied Databricks/Spark example.

## Why is this bad?
flytekit accepts the version and says nothing, but only \`cache=True\` (or a \`Cache\` object) turns
caching on. The task runs every time and the version does nothing; whoever wrote it expected cached
results.

Which rule reports what: \`cache_serialize=True\` and a non-empty \`cache_ignore_input_vars\` without
caching make flytekit raise, so \`serialize-without-cache\` (FC103) and
\`ignored-inputs-without-cache\` (FC104) report them; this rule covers the version, which raises
nothing. A version is reported only when it is a string literal or a module constant holding one
(a \`None\` means no version; a number is \`non-string-cache-version\`, FC109), only on the task's
own decorator (an \`Environment\`'s version may serve other tasks that do cache), and never when
the \`cache\` setting is not known (\`**kwargs\`, a variable).

## Example
\`\`\`python
from flytekit import task

@task(cache_version="1.0")
def load_table(name: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import task

@task(cache=True, cache_version="1.0")
def load_table(name: str) -> str: ...
\`\`\`

Or remove \`cache_version\` if the task should not be cached.

## Fix safety
The fix turns caching on (\`cache=True\`, or \`cache=False\` becomes \`cache=True\`). It is unsafe:
it is what the version shows was intended, but it changes behaviour — the task's outputs are
reused for identical inputs from then on.

## References
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
- [Flyte docs: caching](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
`;

/** FC201 */
export const cacheSettingsWithoutCache: Rule = {
  name: 'cache-settings-without-cache',
  severity: 'warning',
  fixAvailability: 'always',
  summary: 'A cache version on a task that does not cache',
  docs,
  // per task: its cache config and own keywords.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of flytekitTasks(module)) {
      if (!task.call) continue;
      const config = cacheConfig(module, task);
      const arg = ownKeyword(task, 'cache_version');
      if (config.opaque || config.cache !== 'off' || !arg || config.version.kind !== 'known' || config.version.arg !== arg) continue;
      const message = config.cacheArgument
        ? '`cache_version` is set but caching is off (`cache=False`): nothing is cached'
        : '`cache_version` is set but caching is not turned on (`cache=True`): nothing is cached';
      findings.push({ message, start: arg.start, end: arg.end, fix: enableCache(task, task.call, config.cacheArgument?.arg, arg) });
    }
    return findings;
  },
};

function enableCache(task: TaskDecl, call: CallSite, cacheArg: Argument | undefined, versionArg: Argument): Fix {
  const title = 'Turn caching on: `cache=True`';
  const own = ownKeyword(task, 'cache');
  if (own?.value && own === cacheArg) return { title, edits: [{ start: own.value.from, end: own.value.to, newText: 'True' }], safe: false };
  // No `cache`, or `cache=False` inherited from an environment: the task's own keyword overrides it.
  return { title, edits: [insertKeyword(call.arguments, 'cache=True', versionArg)], safe: false };
}
