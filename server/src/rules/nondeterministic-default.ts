import type { SyntaxNode } from '@lezer/common';
import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { ignoredInputNames, isCachedTask } from '../engine/syntax/cached-task';
import { walk } from '../engine/syntax/nodes';
import { isModuleLevel, parameterEntries } from '../engine/syntax/signature';
import { callSite, type FlyteModule } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for a parameter of a cached task whose default value calls the clock, a random generator or
a UUID generator: \`datetime.now()\`, \`datetime.utcnow()\`, \`datetime.today()\`, \`date.today()\`,
\`time.time()\`, \`random.random()\` and the other \`random\` functions, \`uuid.uuid4()\`, \`uuid.uuid1()\`.

## Why is this bad?
Python evaluates a default once, when the \`def\` runs at import, not on each call. The cache key is
built from the input values, so the task is keyed on that one value: in one process every run
that omits the argument hits the same cache entry, while the user expected a fresh timestamp or
seed (and a fresh run) each time; across processes the key changes, so local runs never hit.

Only calls resolved through the file's imports are matched (\`from datetime import datetime\`,
\`import datetime as dt\` then \`dt.datetime.now()\`), only on module-level tasks whose cache is
known to be on, and never for an input left out of the key by \`ignored_inputs\` or
\`cache_ignore_input_vars\`.

## Example
\`\`\`python
from datetime import datetime
from flytekit import task

@task(cache=True, cache_version="1")
def snapshot(ts: datetime = datetime.now()) -> str: ...
\`\`\`

Use instead:
\`\`\`python
from datetime import datetime
from flytekit import task

@task(cache=True, cache_version="1")
def snapshot(ts: datetime) -> str: ...  # pass the timestamp from the caller
\`\`\`

## Fix safety
There is no fix: whether the value should come from the caller or be left out of the key is a
design decision.

## References
- [Python: function definitions (default values are evaluated once)](https://docs.python.org/3/reference/compound_stmts.html#function-definitions)
- [flytekit local cache key](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/local_cache.py)
- [Flyte caching](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
`;

const RANDOM = ['random', 'randint', 'randrange', 'uniform', 'choice', 'choices', 'sample', 'getrandbits', 'gauss', 'normalvariate', 'randbytes', 'triangular'];
const NONDETERMINISTIC = new Set([
  'datetime.datetime.now',
  'datetime.datetime.utcnow',
  'datetime.datetime.today',
  'datetime.date.today',
  'time.time',
  'time.time_ns',
  'uuid.uuid1',
  'uuid.uuid4',
  ...RANDOM.map((f) => `random.${f}`),
]);

/** FC303 */
export const nondeterministicDefault: Rule = {
  name: 'nondeterministic-default',
  severity: 'warning',
  fixAvailability: 'none',
  summary: 'A cached task parameter whose default is computed once at import (clock, random, UUID)',
  docs,
  // per task: own parameters' defaults resolved against imports, and its cache config.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const task of module.tasks) {
      if (!isModuleLevel(task.def) || !isCachedTask(module, task)) continue;
      const params = parameterEntries(task.def, module.doc.text);
      const ignored = params?.some((p) => p.default) ? ignoredInputNames(module, task) : undefined;
      if (!params || !ignored) continue;
      for (const param of params) {
        if (!param.default || ignored.has(param.name)) continue;
        const call = nondeterministicCall(module, param.default);
        if (!call) continue;
        findings.push({
          message: `\`${call}\` in the default of \`${param.name}\` runs once, at import: cached \`${task.name}\` keys on that one value, not a new one per run`,
          start: param.default.from,
          end: param.default.to,
        });
      }
    }
    return findings;
  },
};

/** The first clock/random/UUID call evaluated with the expression, as spelled (`dt.datetime.now()`). */
function nondeterministicCall(module: FlyteModule, expression: SyntaxNode): string | undefined {
  const text = module.doc.text;
  let found: string | undefined;
  walk(expression, (node) => {
    if (found || node.type.isError) return false;
    // Lambda bodies run later; comprehension variables may shadow the module's names.
    if (node.name === 'LambdaExpression' || node.name.endsWith('ComprehensionExpression')) return false;
    const call = node.name === 'CallExpression' ? callSite(node, text) : undefined;
    const qualified = call ? module.scope.qualify(call.calleePath, node.from) : undefined;
    if (call && qualified && NONDETERMINISTIC.has(qualified)) found = `${call.calleePath.join('.')}()`;
    return true;
  });
  return found;
}
