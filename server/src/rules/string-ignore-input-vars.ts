import type { Rule, RuleContext, RuleFinding } from '../engine/model';
import { cacheConfig, effectiveKeyword } from '../engine/syntax/cache-config';
import { stringLiteral } from '../engine/syntax/strings';
import { flytekitTasks } from '../engine/syntax/tasks';

const docs = `## What it does
Checks for the legacy \`cache_ignore_input_vars\` keyword given a bare string,
\`cache_ignore_input_vars="seed"\`, on a task that caches with \`cache=True\` and a \`cache_version\`.

## Why is this bad?
flytekit passes the value on unchanged, and the local cache leaves an input out of the key when
\`name in cache_ignore_input_vars\` — on a string that is a substring test. \`"data_seed"\` then also
ignores inputs named \`data\`, \`seed\` or \`a\`, and \`"seed"\` ignores an input named \`s\`. The
task's metadata declares the field as a tuple of names (\`Tuple[str, ...]\`); a string is not one.

Not reported: \`Cache(ignored_inputs="seed")\`, because the \`Cache\` object wraps a string into a
one-element tuple; \`cache=True\` without a version, because flytekit then builds such a \`Cache\`
itself; a task that does not cache (\`ignored-inputs-without-cache\`, FC104, reports it); and a
\`Cache\` object next to the keyword (\`cache-object-with-legacy-keywords\`, FC105).

## Example
\`\`\`python
from flytekit import task

@task(cache=True, cache_version="1", cache_ignore_input_vars="seed")
def sample(n: int, seed: int) -> list[int]: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import task

@task(cache=True, cache_version="1", cache_ignore_input_vars=("seed",))
def sample(n: int, seed: int) -> list[int]: ...
\`\`\`

## Fix safety
Making the string a one-element tuple is unsafe: it is what the string was meant to be, but when
another input's name is part of the string, that input is no longer ignored and its cache key
changes.

## References
- [flytekit local cache key](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/local_cache.py)
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
- [flytekit \`task\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/task.py)
`;

/** FC204 */
export const stringIgnoreInputVars: Rule = {
  name: 'string-ignore-input-vars',
  severity: 'warning',
  fixAvailability: 'always',
  summary: 'A bare string for the legacy `cache_ignore_input_vars`',
  docs,
  // per task: its cache config and effective keywords.
  scope: 'task',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const text = module.doc.text;
    const findings: RuleFinding[] = [];
    for (const task of flytekitTasks(module)) {
      const config = cacheConfig(module, task);
      // flytekit v1.16.24 task.py: only `cache=True` with a version passes the string through as is.
      if (config.opaque || config.cache !== 'on' || config.cacheObject || config.version.kind !== 'known') continue;
      const found = effectiveKeyword(task, 'cache_ignore_input_vars');
      const value = found?.arg.value;
      const literal = value && stringLiteral(value, text);
      if (!value || !literal || literal.value === '') continue;
      const source = text.slice(value.from, value.to);
      findings.push({
        message: `\`cache_ignore_input_vars\` is a bare string: flytekit tests input names with \`in\`, a substring test, so any input whose name occurs in ${source} is ignored`,
        start: value.from,
        end: value.to,
        fix: { title: `Make it a tuple: \`(${source},)\``, edits: [{ start: value.from, end: value.to, newText: `(${source},)` }], safe: false },
      });
    }
    return findings;
  },
};
