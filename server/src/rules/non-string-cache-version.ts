import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import type { Argument } from '../engine/syntax/arguments';
import { cacheCalls, cacheField } from '../engine/syntax/cache-calls';
import type { FlyteModule } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for a flytekit cache version written as a number: \`cache_version=1\` on \`@task\`,
\`@dynamic\` or \`Environment(...)\`, or \`Cache(version=1.0)\`.

## Why is this bad?
The version is a string field of the task's metadata. flytekit passes the number through unchanged,
so a local run may even work, but serializing the task for \`pyflyte register\` or
\`pyflyte run --remote\` hands an \`int\` or \`float\` to protobuf's string field \`discovery_version\`,
which raises a \`TypeError\`. A zero (\`cache_version=0\`) is falsy and fails sooner, at import:
\`Caching is enabled \`\`cache=True\`\` but \`\`cache_version\`\` is not set.\`

## Example
\`\`\`python
from flytekit import Cache, task

@task(cache=True, cache_version=2)
def train(epochs: int) -> float: ...

@task(cache=Cache(version=1.0))
def featurize(path: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=True, cache_version="2")
def train(epochs: int) -> float: ...

@task(cache=Cache(version="1.0"))
def featurize(path: str) -> str: ...
\`\`\`

## Fix safety
The fix quotes the number as written. It is safe when Python's \`str()\` of the number is that same
text (\`2\`, \`1.0\`, \`1.5\`), because a local cache key built from the number was built from that
text: existing local results stay valid. For other spellings (\`1_0\`, \`0x1\`, \`1.50\`, \`1e3\`) the
quoted text differs from \`str()\` of the number and the fix is unsafe: the cache key changes.

## References
- [flytekit \`TaskMetadata\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/base_task.py)
- [flytekit task model \`to_flyte_idl\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/models/task.py)
`;

/** FC109 */
export const nonStringCacheVersion: Rule = {
  name: 'non-string-cache-version',
  severity: 'error',
  fixAvailability: 'always',
  summary: 'A cache version written as a number instead of a string',
  docs,
  // A task's finding is about its own decorator call; environments and every `Cache(...)` call
  // of the file (decorators included) involve no task and are left out when `tasksOnly`.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    const calls = [
      ...module.tasks.filter((t) => t.sdk !== 'flyte2' && !t.broken && t.call).map((t) => t.call),
      ...(context.tasksOnly ? [] : module.environments.filter((e) => e.sdk !== 'flyte2').map((e) => e.call)),
    ];
    for (const call of calls) {
      if (!call || call.arguments.broken) continue;
      const arg = call.arguments.args.find((a) => a.kind === 'keyword' && a.name === 'cache_version');
      const finding = arg && numberFinding(module, arg, 'cache_version');
      if (finding) findings.push(finding);
    }
    for (const cache of context.tasksOnly ? [] : cacheCalls(module)) {
      if (cache.sdk !== 'flytekit') continue;
      const arg = cacheField(cache, 'version');
      const finding = arg && numberFinding(module, arg, 'version');
      if (finding) findings.push(finding);
    }
    return findings;
  },
};

function numberFinding(module: FlyteModule, arg: Argument, name: string): RuleFinding | undefined {
  const value = arg.value;
  if (!value || value.name !== 'Number') return undefined;
  const source = module.doc.text.slice(value.from, value.to);
  if (/j$/i.test(source)) return undefined; // a complex literal is not a plausible version
  const fix: Fix = { title: `Quote the version: \`"${source}"\``, edits: [{ start: value.from, end: value.to, newText: `"${source}"` }], safe: sameAsPythonStr(source) };
  return { message: `Cache version \`${source}\` is a number: \`${name}\` must be a string (protobuf rejects a number when the task is serialized)`, start: arg.start, end: arg.end, fix };
}

/** Whether Python's `str()` of the number literal gives back the same text. */
function sameAsPythonStr(source: string): boolean {
  return /^(0|[1-9]\d{0,15})$/.test(source) || /^(0|[1-9]\d{0,7})\.(0|\d{0,7}[1-9])$/.test(source);
}
