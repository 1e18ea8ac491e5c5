import type { SyntaxNode } from '@lezer/common';
import type { Fix, Rule, RuleContext, RuleFinding, TextEdit } from '../engine/model';
import type { Argument } from '../engine/syntax/arguments';
import { removeArguments } from '../engine/syntax/argument-edits';
import { type CacheCall, cacheField } from '../engine/syntax/cache-calls';
import { effectiveKeyword, type FoundArgument } from '../engine/syntax/cache-config';
import { FLYTEKIT_CACHE_CLASSES } from '../engine/syntax/flyte-names';
import { insertKeyword } from '../engine/syntax/keyword-edits';
import { isPlainLiteral } from '../engine/syntax/literals';
import { callSite, type FlyteModule, type TaskDecl, flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for flytekit tasks that pass a \`Cache\` object (\`cache=Cache(...)\`) together with one of the
legacy keywords \`cache_version\`, \`cache_serialize\` or \`cache_ignore_input_vars\`.

## Why is this bad?
The legacy keywords are the old spelling of the \`Cache\` fields. flytekit refuses to mix the two and
the decorator raises when the module is imported:

\`\`\`
ValueError: cache_serialize, cache_version, and cache_ignore_input_vars are deprecated. Please use Cache object
\`\`\`

A legacy keyword set to \`None\` counts as absent and is not reported; nor is one whose value is not
known (a variable that might hold \`None\`).

## Example
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(serialize=True), cache_version="2")
def train(epochs: int) -> float: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(serialize=True, version="2"))
def train(epochs: int) -> float: ...
\`\`\`

## Fix safety
The fix moves every legacy keyword into the \`Cache\` (\`cache_version\` → \`version\`,
\`cache_serialize\` → \`serialize\`, \`cache_ignore_input_vars\` → \`ignored_inputs\`) and removes it.
It is safe: the decorator raised before, and the \`Cache\` fields mean what the keywords meant. It is
not offered when the \`Cache\` already sets one of those fields, takes \`*args\`/\`**kwargs\`, or when a
keyword comes from an \`Environment\`.

## References
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
`;

const MESSAGE =
  'Legacy cache keyword next to a `Cache` object: `ValueError: cache_serialize, cache_version, and cache_ignore_input_vars are deprecated. Please use Cache object`';

// flytekit v1.16.24 task.py: the legacy keywords are popped from **kwargs and, when `cache` is a
// `Cache`, any of them `is not None` raises.
const LEGACY_TO_FIELD: readonly [string, string][] = [
  ['cache_version', 'version'],
  ['cache_serialize', 'serialize'],
  ['cache_ignore_input_vars', 'ignored_inputs'],
];

/** FC105 */
export const cacheObjectWithLegacyKeywords: Rule = {
  name: 'cache-object-with-legacy-keywords',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: 'A `Cache` object together with the legacy `cache_*` keywords',
  docs,
  // per task: own and environment keywords, module constants (`scope.assignedValue`), imports.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of flytekitTasks(module)) {
      const cache = cacheObjectOf(module, task);
      if (!cache) continue;
      const legacy = LEGACY_TO_FIELD.flatMap(([keyword, field]) => {
        const found = effectiveKeyword(task, keyword);
        return found?.arg.value && definitelyNotNone(module, found.arg.value) ? [{ found, field }] : [];
      });
      if (legacy.length === 0) continue;
      if (mutatedEnvironment(task) && (cache.found.fromEnvironment || legacy.some((l) => l.found.fromEnvironment))) continue;
      const fix = foldFix(module, task, cache, legacy);
      for (const { found } of legacy) findings.push({ message: MESSAGE, start: found.arg.start, end: found.arg.end, ...(fix ? { fix } : {}) });
    }
    return findings;
  },
};

/** `cache=` is a call to flytekit's `Cache`, whatever its arguments. */
function cacheObjectOf(module: FlyteModule, task: TaskDecl): { found: FoundArgument; cache: CacheCall } | undefined {
  const found = effectiveKeyword(task, 'cache');
  const call = found?.arg.value ? callSite(found.arg.value, module.doc.text) : undefined;
  const qualified = call ? module.scope.qualify(call.calleePath, call.start) : undefined;
  if (!found || !call || !qualified || !FLYTEKIT_CACHE_CLASSES.includes(qualified) || call.arguments.broken) return undefined;
  return { found, cache: { sdk: 'flytekit', call } };
}

function definitelyNotNone(module: FlyteModule, value: SyntaxNode): boolean {
  if (isPlainLiteral(value)) return value.name !== 'None';
  if (value.name !== 'VariableName') return false;
  const name = module.doc.text.slice(value.from, value.to);
  if (module.scope.lookup(name, value.from)?.kind !== 'local') return false;
  const assigned = module.scope.assignedValue(name);
  return !!assigned && isPlainLiteral(assigned) && assigned.name !== 'None';
}

function mutatedEnvironment(task: TaskDecl): boolean {
  for (let env = task.environment; env; env = env.parent) if (env.mutated) return true;
  return false;
}

function foldFix(
  module: FlyteModule,
  task: TaskDecl,
  cache: { found: FoundArgument; cache: CacheCall },
  legacy: readonly { found: FoundArgument; field: string }[],
): Fix | undefined {
  const text = module.doc.text;
  const cacheArgs = cache.cache.call.arguments;
  if (!task.call || cache.found.fromEnvironment || legacy.some((l) => l.found.fromEnvironment)) return undefined;
  if (cacheArgs.close < 0 || cacheArgs.args.some((a) => a.kind === 'star' || a.kind === 'doubleStar')) return undefined;
  if (legacy.some(({ field }) => cacheField(cache.cache, field))) return undefined;
  const fields = legacy.map(({ found, field }) => `${field}=${text.slice(found.arg.value?.from, found.arg.value?.to)}`);
  const edits: TextEdit[] = [insertKeyword(cacheArgs, fields.join(', ')), ...removeArguments(task.call.arguments, new Set<Argument>(legacy.map((l) => l.found.arg)))];
  const title = legacy.length === 1 ? `Move \`${legacy[0]?.found.arg.name}\` into the \`Cache\`` : 'Move the legacy keywords into the `Cache`';
  return { title, edits, safe: true };
}
