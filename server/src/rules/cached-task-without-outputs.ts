import type { SyntaxNode } from '@lezer/common';
import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { isCachedTask } from '../engine/syntax/cached-task';
import { childNamed, childrenOf, walk } from '../engine/syntax/nodes';
import { returnAnnotation } from '../engine/syntax/signature';
import { treeIndex } from '../engine/syntax/tree-index';

const docs = `## What it does
Checks for a cached task that has no outputs: its return annotation is \`-> None\`, or it has no
return annotation and its body neither returns a value nor yields (nested functions, lambdas and
classes are not counted).

## Why is this bad?
A cache stores a task's outputs and serves them in place of a run. A task without outputs has
nothing to store: whatever it does is a side effect (writing a file or a table, sending a
message), and side effects are exactly what a cache cannot replay. Caching such a task is at best
useless and at worst silently skips work the user expected to happen.

Stub bodies (\`...\`, \`pass\`, a docstring, \`raise\`) are not flagged, nor are tasks whose cache
is not known to be on.

## Example
\`\`\`python
from flytekit import task

@task(cache=True, cache_version="1")
def publish(report: str) -> None:
    upload(report)
\`\`\`

Use instead:
\`\`\`python
from flytekit import task

@task
def publish(report: str) -> None:
    upload(report)
\`\`\`

## Fix safety
There is no fix: either the cache should go, or the task should return what it produces.

## References
- [Flyte caching](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
- [flytekit local cache](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/local_cache.py)
`;

/** FC301 */
export const cachedTaskWithoutOutputs: Rule = {
  name: 'cached-task-without-outputs',
  severity: 'info',
  fixAvailability: 'none',
  summary: 'A cached task that has no outputs for the cache to store',
  docs,
  // per task: its cache config, return annotation and own body.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of module.tasks) {
      if (treeIndex(module.doc).brokenFunctions.has(task.defStart) || !isCachedTask(module, task)) continue;
      const annotation = returnAnnotation(task.def);
      const body = childNamed(task.def, 'Body');
      if (!body) continue;
      const message = `Cached \`${task.name}\` has no outputs: there is nothing for the cache to store`;
      if (annotation?.name === 'None') findings.push({ message, start: annotation.from, end: annotation.to });
      else if (!annotation && !isStub(body) && !producesValue(body)) findings.push({ message, start: task.nameStart, end: task.nameEnd });
    }
    return findings;
  },
};

/** `return <value>` or `yield` in the function's own body (not in nested functions, lambdas or classes). */
function producesValue(body: SyntaxNode): boolean {
  let found = false;
  walk(body, (node) => {
    if (found || ['FunctionDefinition', 'ClassDefinition', 'LambdaExpression'].includes(node.name)) return false;
    if (node.name === 'yield') found = true;
    else if (node.name === 'ReturnStatement' && childrenOf(node).some((c) => c.name !== 'return')) found = true;
    return !found;
  });
  return found;
}

/** A placeholder body: docstring, `...`, `pass` or `raise` statements only. */
function isStub(body: SyntaxNode): boolean {
  return childrenOf(body).every((s) => {
    if (s.name === ':' || s.name === 'PassStatement' || s.name === 'RaiseStatement') return true;
    const value = s.name === 'ExpressionStatement' ? s.firstChild : null;
    return value !== null && ['String', 'ContinuedString', 'Ellipsis'].includes(value.name) && !value.nextSibling;
  });
}
