import type { SyntaxNode } from '@lezer/common';
import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { cacheField } from '../engine/syntax/cache-calls';
import { cacheConfig } from '../engine/syntax/cache-config';
import { ownKeyword } from '../engine/syntax/keyword-edits';
import { containsComment, sequenceElements } from '../engine/syntax/literals';
import { nearestName } from '../engine/syntax/nearest-name';
import { functionParameters } from '../engine/syntax/parameters';
import { stringLiteral, pythonString } from '../engine/syntax/strings';
import type { FlyteModule, TaskDecl } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for ignored cache inputs — \`Cache(ignored_inputs=...)\`, \`flyte.Cache(ignored_inputs=...)\` or
the legacy \`cache_ignore_input_vars=...\` — naming a parameter the task function does not have.

## Why is this bad?
Neither SDK checks the names: an input is left out of the cache key when its name is in the list,
and a name matching no input does nothing. A typo (\`"sed"\` for \`"seed"\`) or a parameter renamed
later silently puts the input back into the key, so runs that should share a cached result miss.

Only string literals written on the task's own decorator are checked, and a function taking
\`**kwargs\` is never flagged. A bare string in the legacy keyword is \`string-ignore-input-vars\`
(FC204), and ignored inputs on a task that does not cache are \`ignored-inputs-without-cache\`
(FC104).

## Example
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(version="1", ignored_inputs=("sed",)))
def sample(n: int, seed: int) -> list[int]: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(version="1", ignored_inputs=("seed",)))
def sample(n: int, seed: int) -> list[int]: ...
\`\`\`

## Fix safety
When a single parameter is close (at most two edits away) and not listed already, the fix renames
the entry to it. That is unsafe: it changes the cache key (the input is then left out of it). Otherwise
the fix removes the entry, which is safe: a name that matches no input has no effect. Removal is
not offered when comments sit inside the tuple or list.

## References
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
- [flytekit local cache key](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/local_cache.py)
- [flyte-sdk \`Cache\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_cache/cache.py)
`;

/** FC203 */
export const unknownIgnoredInput: Rule = {
  name: 'unknown-ignored-input',
  severity: 'warning',
  fixAvailability: 'sometimes',
  summary: 'An ignored cache input that is not a parameter of the task',
  docs,
  // per task: its own decorator, parameters and cache config.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of module.tasks) {
      if (task.broken || !task.call) continue;
      const params = functionParameters(task.def, module.doc.text);
      if (!params || params.varKeyword) continue;
      for (const container of ignoredInputs(module, task)) findings.push(...checkContainer(module, task, container, params.names));
    }
    return findings;
  },
};

/** The ignored-input values on the task's own decorator: a tuple/list literal, or a bare string in a `Cache`. */
function ignoredInputs(module: FlyteModule, task: TaskDecl): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const config = cacheConfig(module, task);
  if (config.opaque) return out;
  const legacy = task.sdk === 'flyte2' ? undefined : ownKeyword(task, 'cache_ignore_input_vars');
  if (legacy?.value && config.cache !== 'off' && legacy.value.name !== 'String') out.push(legacy.value);
  const cacheObject = config.cacheObject;
  if (cacheObject && config.cacheArgument?.arg === ownKeyword(task, 'cache')) {
    const field = cacheField({ sdk: task.sdk === 'flyte2' ? 'flyte2' : 'flytekit', call: cacheObject }, 'ignored_inputs');
    if (field?.value && !cacheObject.arguments.args.some((a) => a.kind === 'star' || a.kind === 'doubleStar')) out.push(field.value);
  }
  return out;
}

function checkContainer(module: FlyteModule, task: TaskDecl, container: SyntaxNode, params: readonly string[]): RuleFinding[] {
  const text = module.doc.text;
  const elements = container.name === 'String' ? [container] : sequenceElements(container);
  if (!elements) return [];
  const names = elements.map((e) => stringLiteral(e, text)?.value);
  const findings: RuleFinding[] = [];
  elements.forEach((element, index) => {
    const name = names[index];
    if (name === undefined || params.includes(name)) return;
    const message = `\`${name}\` is not a parameter of \`${task.name}\`: ignoring it has no effect`;
    const candidate = nearestName(name, params.filter((p) => !names.includes(p)));
    // Removing rebuilds the container from its elements, which would drop comments inside it.
    const fix: Fix | undefined = candidate
      ? { title: `Rename to \`${candidate}\``, edits: [{ start: element.from, end: element.to, newText: pythonString(candidate) }], safe: false }
      : containsComment(container)
        ? undefined
        : { title: `Remove \`${name}\``, edits: [{ start: container.from, end: container.to, newText: without(container, elements, index, text) }], safe: true };
    findings.push({ message, start: element.from, end: element.to, ...(fix ? { fix } : {}) });
  });
  return findings;
}

/** The container's source without element `index`; a one-element tuple keeps its trailing comma. */
function without(container: SyntaxNode, elements: readonly SyntaxNode[], index: number, text: string): string {
  const rest = elements.filter((_, i) => i !== index).map((e) => text.slice(e.from, e.to));
  if (container.name === 'ArrayExpression') return `[${rest.join(', ')}]`;
  return rest.length === 1 ? `(${rest[0]},)` : `(${rest.join(', ')})`;
}
