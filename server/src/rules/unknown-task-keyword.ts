import type { Fix, Rule, RuleContext, RuleFinding, TextEdit } from '../engine/model';
import { type Argument } from '../engine/syntax/arguments';
import { removeArguments, symbolReference } from '../engine/syntax/argument-edits';
import { FLYTEKIT_CACHE_CLASSES } from '../engine/syntax/flyte-names';
import type { CallSite, EnvironmentDecl, FlyteModule, TaskDecl } from '../engine/syntax/tasks';
import { flytekitTasks } from '../engine/syntax/tasks';
import { nearestName } from '../engine/syntax/nearest-name';

const docs = `## What it does
Checks for keyword arguments that flytekit's \`@task\` (and \`@dynamic\`, \`Environment(...)\`,
\`env.task(...)\`) does not accept, such as the often-written \`cache_policy=\` or typos like
\`cache_verison=\` and \`retires=\`.

## Why is this bad?
Since flytekit 1.15, \`task()\` takes \`**kwargs\` to accept the legacy \`cache_version\`,
\`cache_serialize\` and \`cache_ignore_input_vars\` keywords, and raises on anything else when the
module is imported:

\`\`\`
ValueError: Unrecognized argument(s) for task: dict_keys(['cache_policy'])
\`\`\`

There is no \`cache_policy\` keyword: cache policies go into a \`Cache\` object,
\`cache=Cache(policies=...)\`.

## Example
\`\`\`python
from flytekit import task

@task(cache=True, cache_policy=CacheFunctionBody())
def train(epochs: int) -> float: ...

@task(retires=3)
def fetch(url: str) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(policies=CacheFunctionBody()))
def train(epochs: int) -> float: ...

@task(retries=3)
def fetch(url: str) -> str: ...
\`\`\`

## Fix safety
Replacing \`cache_policy=X\` with \`cache=Cache(policies=X)\` is safe: it removes a \`cache=True\` it
would clash with, folds the legacy \`cache_version\`, \`cache_serialize\` and
\`cache_ignore_input_vars\` keywords into the \`Cache\`, and imports \`Cache\` from flytekit when the
file does not have it yet. It is not offered when \`cache=\` is already something else or when the
task's environment sets cache keywords.

Renaming a misspelt keyword to the nearest accepted one (at most two edits away, and only when
there is a single nearest name) is unsafe: it guesses the intent and changes what the task does
(\`retires=3\` becomes \`retries=3\`).

## References
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
`;

// The keyword parameters of `task()` in flytekit/core/task.py (flytekit v1.16.24, unchanged in
// substance since v1.15.0), plus the legacy cache keywords it pops from **kwargs. `dynamic` is
// `functools.partial(task, execution_mode=...)` and `Environment` forwards to `task`.
export const TASK_KEYWORDS: readonly string[] = [
  '_task_function', 'task_config', 'cache', 'retries', 'interruptible', 'deprecated', 'timeout',
  'container_image', 'environment', 'requests', 'limits', 'secret_requests', 'execution_mode',
  'node_dependency_hints', 'task_resolver', 'docs', 'disable_deck', 'enable_deck', 'deck_fields',
  'pod_template', 'pod_template_name', 'accelerator', 'pickle_untyped', 'shared_memory', 'resources',
  'labels', 'annotations',
  'cache_serialize', 'cache_version', 'cache_ignore_input_vars',
];

const POLICY_KEYWORDS = ['cache_policy', 'cache_policies'];
const LEGACY_TO_CACHE_FIELD: readonly [string, string][] = [
  ['cache_version', 'version'],
  ['cache_serialize', 'serialize'],
  ['cache_ignore_input_vars', 'ignored_inputs'],
];

/** FC106 */
export const unknownTaskKeyword: Rule = {
  name: 'unknown-task-keyword',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: 'A keyword argument flytekit\'s `@task` does not accept',
  docs,
  // environment calls first (no task involved), then each task's own decorator; the policy fix reads only imports and the environment chain.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const env of context.tasksOnly ? [] : module.environments) {
      if (env.sdk === 'flyte2' || env.call.arguments.broken) continue;
      findings.push(...checkCall(module, env.call, undefined));
    }
    for (const task of flytekitTasks(module)) {
      if (!task.call) continue;
      findings.push(...checkCall(module, task.call, task));
    }
    return findings;
  },
};

function checkCall(module: FlyteModule, call: CallSite, task: TaskDecl | undefined): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const arg of call.arguments.args) {
    if (arg.kind !== 'keyword' || arg.name === undefined || TASK_KEYWORDS.includes(arg.name)) continue;
    const message = `Unknown keyword \`${arg.name}\` for \`task\`: \`ValueError: Unrecognized argument(s) for task: dict_keys(['${arg.name}'])\``;
    const fix = POLICY_KEYWORDS.includes(arg.name) ? (task ? policyFix(module, task, arg) : undefined) : renameFix(call, arg);
    findings.push({ message, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) });
  }
  return findings;
}

/** `cache_policy=X` → `cache=Cache(policies=X)`, folding `cache=True` and the legacy keywords in. */
function policyFix(module: FlyteModule, task: TaskDecl, policyArg: Argument): Fix | undefined {
  const call = task.call;
  const text = module.doc.text;
  if (!call || !policyArg.value || environmentSetsCache(task.environment)) return undefined;
  const args = call.arguments.args;
  if (args.some((a) => a !== policyArg && a.kind === 'keyword' && a.name !== undefined && POLICY_KEYWORDS.includes(a.name))) return undefined;
  const cacheArg = args.find((a) => a.kind === 'keyword' && a.name === 'cache');
  if (cacheArg && (cacheArg.value?.name !== 'Boolean' || text.slice(cacheArg.value.from, cacheArg.value.to) !== 'True')) return undefined;
  const remove = new Set<Argument>(cacheArg ? [cacheArg] : []);
  const fields: string[] = [];
  for (const [legacy, field] of LEGACY_TO_CACHE_FIELD) {
    const arg = args.find((a) => a.kind === 'keyword' && a.name === legacy);
    if (!arg?.value) continue;
    fields.push(`${field}=${text.slice(arg.value.from, arg.value.to)}`);
    remove.add(arg);
  }
  fields.push(`policies=${text.slice(policyArg.value.from, policyArg.value.to)}`);
  const root = task.sdk === 'union' ? 'union' : 'flytekit';
  const reference = symbolReference(module.scope, text, FLYTEKIT_CACHE_CLASSES, root, 'Cache', task.decoratorStart);
  if (!reference) return undefined;
  const edits: TextEdit[] = [
    { start: policyArg.start, end: policyArg.end, newText: `cache=${reference.name}(${fields.join(', ')})` },
    ...removeArguments(call.arguments, remove),
  ];
  if (reference.edit) edits.unshift(reference.edit);
  return { title: `Replace \`${policyArg.name}\` with \`cache=${reference.name}(policies=...)\``, edits, safe: true };
}

/** Cache keywords inherited from an environment would clash with a task-level `Cache`. */
function environmentSetsCache(env: EnvironmentDecl | undefined): boolean {
  for (let e = env; e; e = e.parent) {
    if (e.mutated) return true;
    if (e.call.arguments.args.some((a) => a.kind !== 'keyword' || ['cache', ...LEGACY_TO_CACHE_FIELD.map(([k]) => k)].includes(a.name ?? ''))) return true;
  }
  return false;
}

const RENAME_TARGETS = TASK_KEYWORDS.filter((k) => k !== '_task_function');
// The nearest keyword depends on the spelling alone, and a file repeats its misspellings (a
// generated module, one typo copied to many tasks): each is measured against every keyword once.
const nearestBySpelling = new Map<string, string | undefined>();

function renameFix(call: CallSite, arg: Argument): Fix | undefined {
  const name = arg.name ?? '';
  if (!nearestBySpelling.has(name)) {
    if (nearestBySpelling.size >= 1000) nearestBySpelling.clear(); // bounded over a long session
    nearestBySpelling.set(name, nearestName(name, RENAME_TARGETS));
  }
  const candidate = nearestBySpelling.get(name);
  if (!candidate) return undefined;
  const taken = call.arguments.args.some((a) => a.kind === 'keyword' && a.name === candidate);
  if (taken) return undefined; // a duplicate keyword would be a SyntaxError
  return { title: `Rename to \`${candidate}\``, edits: [{ start: arg.nameStart, end: arg.nameEnd, newText: candidate }], safe: false };
}

