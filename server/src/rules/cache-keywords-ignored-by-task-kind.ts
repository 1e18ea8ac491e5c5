import type { Fix, Rule, RuleContext, RuleFinding, TextEdit } from '../engine/model';
import type { Argument } from '../engine/syntax/arguments';
import { removeArguments, symbolReference } from '../engine/syntax/argument-edits';
import { CACHE_KEYWORDS, TASK_METADATA, type TaskKindCall, taskKindCalls } from '../engine/syntax/task-kinds';
import type { FlyteModule } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for the \`@task\` cache keywords (\`cache\`, \`cache_version\`, \`cache_serialize\`,
\`cache_ignore_input_vars\`) passed to flytekit task kinds that have no such parameters:
\`ContainerTask\`, \`ShellTask\`, \`RawShellTask\`, the SQL tasks (\`SQLTask\`, \`SQLite3Task\`,
\`SnowflakeTask\`, \`BigQueryTask\`, \`AthenaTask\`, \`HiveTask\`, \`SQLAlchemyTask\`), \`@eager\` and \`map_task\`.

## Why is this bad?
These constructors hand unknown keywords down to \`Task.__init__(..., **kwargs)\`, which drops them
without a word. The task is never cached, although the code says it is. The official Athena example
does exactly this. Caching for these kinds is set through their metadata:
\`metadata=TaskMetadata(cache=True, cache_version="1")\`. A \`map_task\` uses the mapped task's
metadata, so cache the mapped task itself.

## Example
\`\`\`python
from flytekit import ContainerTask

render = ContainerTask(
    name="render",
    image="ghcr.io/acme/render:1.2",
    command=["render", "{{.inputs.scene}}"],
    cache=True,
    cache_version="1.0",
)
\`\`\`

Use instead:
\`\`\`python
from flytekit import ContainerTask, TaskMetadata

render = ContainerTask(
    name="render",
    image="ghcr.io/acme/render:1.2",
    command=["render", "{{.inputs.scene}}"],
    metadata=TaskMetadata(cache=True, cache_version="1.0"),
)
\`\`\`

## Fix safety
When the call has \`cache=True\` and no \`metadata=\`, the fix moves the cache keywords into
\`metadata=TaskMetadata(...)\` (importing \`TaskMetadata\` from flytekit when needed, and adding
\`cache_version="1"\` when there is none, which \`TaskMetadata\` requires). It is unsafe: the task starts
being served from the cache, which changes what runs. No fix is offered for \`map_task\`, for a
\`cache=\` that is not \`True\`, or when \`metadata=\` is already given.

## References
- [flytekit \`Task.__init__\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/base_task.py)
- [flytekit \`ContainerTask\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/container_task.py)
- [flytekit \`SQLTask\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/base_sql_task.py)
`;

/** FC202 */
export const cacheKeywordsIgnoredByTaskKind: Rule = {
  name: 'cache-keywords-ignored-by-task-kind',
  severity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'Cache keywords passed to a task kind that silently ignores them',
  docs,
  // scans every call in the file for task kinds.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const site of taskKindCalls(module)) {
      const cacheArgs = site.call.arguments.args.filter((a) => a.kind === 'keyword' && CACHE_KEYWORDS.includes(a.name ?? ''));
      if (cacheArgs.length === 0) continue;
      const fix = moveToMetadata(module, site, cacheArgs);
      const where = site.kind.acceptsMetadata ? 'set caching with `metadata=TaskMetadata(...)`' : 'cache the mapped task instead';
      for (const arg of cacheArgs) {
        const message = `\`${site.kind.label}\` silently ignores \`${arg.name}=\`, so nothing is cached; ${where}`;
        findings.push({ message, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) });
      }
    }
    return findings;
  },
};

function moveToMetadata(module: FlyteModule, site: TaskKindCall, cacheArgs: readonly Argument[]): Fix | undefined {
  const text = module.doc.text;
  const args = site.call.arguments.args;
  const cache = cacheArgs.find((a) => a.name === 'cache');
  if (!site.kind.acceptsMetadata || !cache?.value || text.slice(cache.value.from, cache.value.to) !== 'True') return undefined;
  if (args.some((a) => a.kind === 'keyword' && a.name === 'metadata')) return undefined;
  const reference = symbolReference(module.scope, text, TASK_METADATA, 'flytekit', 'TaskMetadata', site.call.start);
  if (!reference) return undefined;
  // Keep the keywords' order: cache, cache_version, cache_serialize, cache_ignore_input_vars.
  const fields = CACHE_KEYWORDS.flatMap((name) => {
    const arg = cacheArgs.find((a) => a.name === name);
    if (arg?.value) return [`${name}=${text.slice(arg.value.from, arg.value.to)}`];
    return name === 'cache_version' ? ['cache_version="1"'] : [];
  });
  const [first, ...others] = cacheArgs as [Argument, ...Argument[]];
  const edits: TextEdit[] = [
    { start: first.start, end: first.end, newText: `metadata=${reference.name}(${fields.join(', ')})` },
    ...removeArguments(site.call.arguments, new Set(others)),
  ];
  if (reference.edit) edits.unshift(reference.edit);
  return { title: `Move the cache keywords into \`metadata=${reference.name}(...)\``, edits, safe: false };
}
