import type { SyntaxNode } from '@lezer/common';
import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { isCachedTask } from '../engine/syntax/cached-task';
import { hashMethodCalls, hashMethodOf, weakPandasHash } from '../engine/syntax/hash-method';
import { isModuleLevel, parameterEntries } from '../engine/syntax/signature';
import type { FlyteModule } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for two misuses of flytekit's \`HashMethod\`:
- on a cached task, an input annotated \`Annotated[T, HashMethod(fn)]\`;
- a hash function given to \`HashMethod\` that returns \`str(pd.util.hash_pandas_object(df))\`.

## Why is this bad?
flytekit computes a \`HashMethod\` when it turns a task's **output** into a literal, and the hash
stands in for the output's URI when a downstream task computes its cache key. On an input
annotation it does nothing: the input is still keyed by its URI, so identical content uploaded
again misses the cache. Annotate the producing task's return type instead.

\`pd.util.hash_pandas_object\` returns a Series with one hash per row, and \`str()\` of a Series
is its display repr, which pandas truncates for long Series (the middle rows become \`...\`).
Two frames that differ only in the elided rows get the same hash, and a cached task downstream
serves a result computed from other data. Reduce the hashes themselves instead.

## Example
\`\`\`python
from typing import Annotated
import pandas as pd
from flytekit import HashMethod, task

def hash_df(df: pd.DataFrame) -> str:
    return str(pd.util.hash_pandas_object(df))

@task(cache=True, cache_version="1")
def train(df: Annotated[pd.DataFrame, HashMethod(hash_df)]) -> float: ...
\`\`\`

Use instead:
\`\`\`python
import hashlib
from typing import Annotated
import pandas as pd
from flytekit import HashMethod, task

def hash_df(df: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(df).values.tobytes()).hexdigest()

@task
def load() -> Annotated[pd.DataFrame, HashMethod(hash_df)]: ...

@task(cache=True, cache_version="1")
def train(df: pd.DataFrame) -> float: ...
\`\`\`

## Fix safety
There is no fix: the annotation belongs on the producing task, which may live elsewhere, and
changing a hash function changes the cache keys computed from it.

## References
- [Flyte caching: caching of non-Flyte offloaded objects](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
- [flytekit \`HashMethod\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/hash.py)
- [pandas \`hash_pandas_object\`](https://pandas.pydata.org/docs/reference/api/pandas.util.hash_pandas_object.html)
`;

/** FC304 */
export const hashMethodOnInput: Rule = {
  name: 'hash-method-on-input',
  severity: 'warning',
  fixAvailability: 'none',
  summary: '`HashMethod` on a task input, or a hash function that hashes a truncated repr',
  docs,
  // `HashMethod` on an input: per task, its own parameters resolved against imports. The hash
  // functions are looked up across the file but involve no task (left out when `tasksOnly`). The
  // two kinds never share a range (a `HashMethod(...)` call vs a `str(...)` call), so the sort only
  // orders findings at different ranges, which the engine sorts anyway.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    return [...onInputs(module), ...(context.tasksOnly ? [] : weakHashFunctions(module))].sort((a, b) => a.start - b.start);
  },
};

function onInputs(module: FlyteModule): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const task of module.tasks) {
    if (!isModuleLevel(task.def) || !isCachedTask(module, task)) continue;
    for (const param of parameterEntries(task.def, module.doc.text) ?? []) {
      const call = param.annotation ? hashMethodOf(module, param.annotation) : undefined;
      if (!call) continue;
      findings.push({
        message: `\`HashMethod\` on input \`${param.name}\` of \`${task.name}\` has no effect: flytekit hashes outputs only, so annotate the producing task's return type`,
        start: call.from,
        end: call.to,
      });
    }
  }
  return findings;
}

function weakHashFunctions(module: FlyteModule): RuleFinding[] {
  const seen = new Set<SyntaxNode['from']>();
  const findings: RuleFinding[] = [];
  for (const call of hashMethodCalls(module)) {
    const weak = weakPandasHash(module, call);
    if (!weak || seen.has(weak.from)) continue;
    seen.add(weak.from);
    findings.push({
      message: '`str()` of `hash_pandas_object(...)` hashes the truncated repr of a Series: frames differing in elided rows collide; hash the values (`.sum()`, `hashlib` over `.values`)',
      start: weak.from,
      end: weak.to,
    });
  }
  return findings;
}
