import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { ignoredInputNames, isCachedTask } from '../engine/syntax/cached-task';
import { offloadedOutput, offloadedType } from '../engine/syntax/offloaded-types';
import { parameterEntries, returnAnnotation } from '../engine/syntax/signature';
import type { TaskDecl } from '../engine/syntax/tasks';
import { taskFeeds } from '../engine/syntax/task-dataflow';

const docs = `## What it does
Checks for an input of a cached flytekit task typed \`FlyteFile\`, \`FlyteDirectory\`,
\`StructuredDataset\` or \`pd.DataFrame\` that is fed, in this file, the output of another task
whose return annotation carries no \`HashMethod\`.

## Why is this bad?
These values are offloaded to blob storage and passed by reference, so the cache key holds the
URI, not the content. Each run of the producer writes its output to a new location: the cached
consumer misses every time, even when the data is identical. The fix belongs on the producer's
output, \`Annotated[pd.DataFrame, HashMethod(fn)]\`, which makes flytekit key the value by the
hash \`fn\` computes.

Only feeds written plainly in the file are followed: \`consumer(df=producer())\`, or
\`df = producer()\` then \`consumer(df=df)\` in the same function. Inputs left out of the key by
\`ignored_inputs\` are not flagged.

## Example
\`\`\`python
import pandas as pd
from flytekit import task, workflow

@task
def load() -> pd.DataFrame: ...

@task(cache=True, cache_version="1")
def train(df: pd.DataFrame) -> float: ...

@workflow
def wf() -> float:
    return train(df=load())
\`\`\`

Use instead:
\`\`\`python
from typing import Annotated
import hashlib
import pandas as pd
from flytekit import HashMethod, task, workflow

def hash_df(df: pd.DataFrame) -> str:
    return hashlib.sha256(pd.util.hash_pandas_object(df).values.tobytes()).hexdigest()

@task
def load() -> Annotated[pd.DataFrame, HashMethod(hash_df)]: ...

@task(cache=True, cache_version="1")
def train(df: pd.DataFrame) -> float: ...

@workflow
def wf() -> float:
    return train(df=load())
\`\`\`

## Fix safety
There is no fix: a hash function has to be written for the data, and adding one changes the cache
keys of every consumer.

## References
- [Flyte caching: caching of non-Flyte offloaded objects](https://docs.flyte.org/en/latest/user_guide/development_lifecycle/caching.html)
- [flytekit \`HashMethod\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/hash.py)
- [RFC: caching of offloaded objects](https://github.com/flyteorg/flyte/blob/master/rfc/system/1893-caching-of-offloaded-objects.md)
`;

/** FC302 */
export const uriKeyedInput: Rule = {
  name: 'uri-keyed-input',
  severity: 'info',
  fixAvailability: 'none',
  summary: 'A cached task input keyed by its URI because the producing task attaches no `HashMethod`',
  docs,
  // data flow between tasks: a consumer's finding depends on its producer.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    if (!module.scope.importedRoots.has('flytekit')) return [];
    const findings: RuleFinding[] = [];
    const seen = new Set<number>();
    // Only a cached flytekit consumer with an offloaded-type parameter can be reported, so feeds
    // into other tasks are not resolved at all.
    // The signature is read before the cache config: few parameters are offloaded types.
    const candidate = (task: TaskDecl): boolean =>
      task.sdk !== 'flyte2' &&
      (parameterEntries(task.def, module.doc.text) ?? []).some((p) => !p.variadic && p.annotation && offloadedType(module, p.annotation)) &&
      isCachedTask(module, task);
    for (const { consumer, param, producer } of taskFeeds(module, candidate)) {
      if (seen.has(param.nameNode.from) || consumer.sdk === 'flyte2' || producer.sdk === 'flyte2' || !param.annotation) continue;
      const type = offloadedType(module, param.annotation);
      const returns = returnAnnotation(producer.def);
      const output = returns ? offloadedOutput(module, returns) : undefined;
      if (!type || !output || output.hashed || output.type !== type || !isCachedTask(module, consumer)) continue;
      if (ignoredInputNames(module, consumer)?.has(param.name) !== false) continue;
      seen.add(param.nameNode.from);
      findings.push({
        message: `Input \`${param.name}\` of cached \`${consumer.name}\` is keyed by its URI: \`${producer.name}\` returns it without \`HashMethod\`, so identical data written again misses the cache`,
        start: param.nameNode.from,
        end: param.nameNode.to,
      });
    }
    return findings.sort((a, b) => a.start - b.start);
  },
};
