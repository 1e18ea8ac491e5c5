import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { cacheCalls, cacheField } from '../engine/syntax/cache-calls';
import { isPlainLiteral, sequenceElements } from '../engine/syntax/literals';

const docs = `## What it does
Checks for flytekit \`Cache(policies=...)\` given something other than one cache policy or a list of
them: a tuple \`(PolicyA(), PolicyB())\`, a plain value such as a string or number, or a list holding
such values — when the \`Cache\` has no \`version\`.

## Why is this bad?
\`Cache.__post_init__\` keeps \`policies\` only when it is \`None\`, a single object with a
\`get_version\` method, or a \`list\` of such objects. Anything else leaves the internal policy list
unset, and the next line, which needs it because no version was given, fails when the module is
imported:

\`\`\`
AttributeError: 'Cache' object has no attribute '_policies'
\`\`\`

With a \`version\` the policies are never consulted and nothing is raised, so the rule stays silent;
it also does when the version is not known (a variable).

## Example
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(policies=(FunctionBody(), ImageHash())))
def train(epochs: int) -> float: ...
\`\`\`

Use instead:
\`\`\`python
from flytekit import Cache, task

@task(cache=Cache(policies=[FunctionBody(), ImageHash()]))
def train(epochs: int) -> float: ...
\`\`\`

## Fix safety
Turning a non-empty tuple into a list is safe: the \`Cache\` raised before, so no cached result
depends on it. No fix is offered for an empty tuple or for values that are not policies: which
policy was meant is up to you.

## References
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
`;

const ERROR = "`AttributeError: 'Cache' object has no attribute '_policies'`";

/** FC107 */
export const invalidPoliciesContainer: Rule = {
  name: 'invalid-policies-container',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: '`Cache(policies=...)` is neither a cache policy nor a list of them',
  docs,
  // scans every `Cache(...)` call in the file.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module } = context;
    const findings: RuleFinding[] = [];
    for (const cache of cacheCalls(module)) {
      const args = cache.call.arguments.args;
      if (cache.sdk !== 'flytekit' || args.some((a) => a.kind === 'star' || a.kind === 'doubleStar')) continue;
      const policies = cacheField(cache, 'policies');
      const version = cacheField(cache, 'version');
      const value = policies?.value;
      // flytekit v1.16.24 cache.py: `if self.version is None and not self._policies` reads the unset attribute.
      if (!policies || !value || (version && version.value?.name !== 'None')) continue;
      if (value.name === 'TupleExpression') {
        const elements = sequenceElements(value);
        const fixable = !!elements && elements.length > 0 && !elements.some(isPlainLiteral);
        const fix: Fix | undefined = fixable
          ? { title: 'Make `policies` a list', edits: [{ start: value.from, end: value.from + 1, newText: '[' }, { start: value.to - 1, end: value.to, newText: ']' }], safe: true }
          : undefined;
        findings.push({ message: `\`policies\` is a tuple, not a list: ${ERROR}`, start: policies.start, end: policies.end, ...(fix ? { fix } : {}) });
        continue;
      }
      const elements = value.name === 'ArrayExpression' ? sequenceElements(value) : undefined;
      const notPolicy = value.name === 'ArrayExpression' ? !!elements?.some(isPlainLiteral) : isPlainLiteral(value) && value.name !== 'None';
      if (notPolicy) findings.push({ message: `\`policies\` holds a value that is not a cache policy: ${ERROR}`, start: policies.start, end: policies.end });
    }
    return findings;
  },
};
