import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { type CacheConfig, cacheConfig, effectiveKeyword } from '../engine/syntax/cache-config';
import type { TaskDecl } from '../engine/syntax/tasks';
import { flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for flytekit tasks that turn caching on (\`cache=True\`, \`Cache()\`, \`Cache(salt=...)\`,
\`Cache(policies=[])\`) without a cache version and without a cache policy that could compute one.

## Why is this bad?
flytekit builds the task's cache key from its version. With neither a version nor a policy it
cannot, and the decorator raises when the module is imported, so the workflow does not even load:

\`\`\`
ValueError: If version is not defined then at least one cache policy needs to be set
\`\`\`

(flytekit 1.14 and older: \`Caching is enabled \`\`cache=True\`\` but \`\`cache_version\`\` is not set.\`)

The open-source SDK ships no default policy. The Union SDK registers a default policy that hashes
the function body, so in a Union project \`cache=True\` alone is valid: the rule stays silent in files
importing \`union\`/\`unionai\` and when the \`defaultCachePolicy\` setting is \`"function-body"\`
(an explicit \`Cache(policies=[])\` still raises there). Flyte 2 (\`import flyte\`) hashes the function
body by default and is never flagged. A \`Cache\` next to a legacy \`cache_version\` on the same
decorator is left to \`cache-object-with-legacy-keywords\` (FC105), whose fix moves that version
into the \`Cache\`.

## Example
\`\`\`python
from flytekit import Cache, task

@task(cache=True)
def train(epochs: int) -> float: ...

@task(cache=Cache(serialize=True))
def featurize(path: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=True, cache_version="1")
def train(epochs: int) -> float: ...

@task(cache=Cache(version="1", serialize=True))
def featurize(path: str) -> str: ...
\`\`\`

Or let a policy compute the version: \`Cache(policies=[MyPolicy()])\`.

## Fix safety
The fix is safe: it adds \`cache_version="1"\` after \`cache=True\`, or \`version="1"\` as the first
argument of \`Cache(...)\`. The decorator raised before, so no cached result depends on the old key.

## References
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
- [Flyte docs: caching](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
`;

const MESSAGE = 'Caching is on but no version is set: `ValueError: If version is not defined then at least one cache policy needs to be set`';

/** FC101 */
export const cacheWithoutVersion: Rule = {
  name: 'cache-without-version',
  severity: 'error',
  fixAvailability: 'always',
  summary: 'Caching is on without a cache version or a cache policy',
  docs,
  // per task: its cache config (own decorator + environment + module constants) and usesUnion (imports).
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module, settings } = context;
    const findings: RuleFinding[] = [];
    const defaultPolicy = settings.defaultCachePolicy === 'function-body' || module.usesUnion;
    for (const task of flytekitTasks(module)) {
      if (intendsPolicy(task)) continue;
      const config = cacheConfig(module, task);
      if (!raises(config, defaultPolicy) || !config.cacheArgument || foldsLegacyVersion(config, task)) continue;
      const arg = config.cacheArgument.arg;
      findings.push({ message: MESSAGE, start: arg.start, end: arg.end, fix: addVersion(config) });
    }
    return findings;
  },
};

/** Whether flytekit would raise "If version is not defined then at least one cache policy needs to be set". */
function raises(config: CacheConfig, defaultPolicy: boolean): boolean {
  if (config.opaque || config.cache !== 'on' || config.version.kind !== 'absent') return false;
  if (config.policies === 'empty') return true; // an explicit empty list replaces any default policy
  return config.policies === 'absent' && !defaultPolicy;
}

/**
 * `cache_policy=`/`cache_policies=` (not real keywords) show the user meant a policy: FC106
 * reports the keyword and its fix turns it into `Cache(policies=...)`, which needs no version.
 */
function intendsPolicy(task: TaskDecl): boolean {
  return !!(effectiveKeyword(task, 'cache_policy') ?? effectiveKeyword(task, 'cache_policies'));
}

/**
 * `cache=Cache(...)` next to a legacy `cache_version`: FC105 reports the mix and its fix moves the
 * version into the `Cache`; adding one here as well would give the `Cache` two versions.
 */
function foldsLegacyVersion(config: CacheConfig, task: TaskDecl): boolean {
  const legacy = effectiveKeyword(task, 'cache_version');
  const value = legacy?.arg.value;
  if (!config.cacheObject || config.cacheArgument?.fromEnvironment || legacy?.fromEnvironment) return false;
  return !!value && value.name !== 'None';
}

function addVersion(config: CacheConfig): Fix {
  const cacheObject = config.cacheObject;
  if (cacheObject) {
    const { open, args } = cacheObject.arguments;
    const newText = args.length > 0 ? 'version="1", ' : 'version="1"';
    return { title: 'Add `version="1"`', edits: [{ start: open + 1, end: open + 1, newText }], safe: true };
  }
  const end = config.cacheArgument?.arg.end ?? 0;
  return { title: 'Add `cache_version="1"`', edits: [{ start: end, end, newText: ', cache_version="1"' }], safe: true };
}
