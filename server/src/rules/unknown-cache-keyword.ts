import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import type { Argument } from '../engine/syntax/arguments';
import { removeArguments } from '../engine/syntax/argument-edits';
import { CACHE_FIELDS, type CacheCall, cacheCalls, cacheField } from '../engine/syntax/cache-calls';
import { nearestName } from '../engine/syntax/nearest-name';

const docs = `## What it does
Checks for keyword arguments that flytekit's \`Cache(...)\` or Flyte 2's \`flyte.Cache(...)\` does not
have, such as \`ttl=\`, \`max_age_seconds=\`, \`version=\` on \`flyte.Cache\` or \`version_override=\` on
flytekit's \`Cache\`.

## Why is this bad?
Both are dataclasses. flytekit's \`Cache\` has the fields \`version\`, \`serialize\`, \`ignored_inputs\`,
\`salt\` and \`policies\`; \`flyte.Cache\` has \`behavior\`, \`version_override\`, \`serialize\`,
\`ignored_inputs\`, \`salt\` and \`policies\`. Any other keyword fails when the module is imported:

\`\`\`
TypeError: Cache.__init__() got an unexpected keyword argument 'ttl'
\`\`\`

Neither SDK has a cache time-to-live: how long cached outputs are kept is configured on the Flyte
backend (\`pyflyte local-cache clear\` empties the local cache).

## Example
\`\`\`python
import flyte
from flytekit import Cache, task

@task(cache=Cache(version="1", ttl=3600))
def fetch(url: str) -> str: ...

env = flyte.TaskEnvironment("etl", cache=flyte.Cache("override", version="2"))
\`\`\`

Use instead:
\`\`\`python
import flyte
from flytekit import Cache, task

@task(cache=Cache(version="1"))
def fetch(url: str) -> str: ...

env = flyte.TaskEnvironment("etl", cache=flyte.Cache("override", version_override="2"))
\`\`\`

## Fix safety
Renaming the other SDK's version keyword (\`version\` on \`flyte.Cache\` → \`version_override\`, and
\`version_override\` on flytekit's \`Cache\` → \`version\`) is safe: the call raised before and the
intent is plain. Renaming a misspelt keyword to the nearest field (at most two edits away, and only
when there is a single nearest one) is unsafe: it guesses. When nothing is close, the fix removes
the keyword, which is unsafe too: whatever it was meant to do (a TTL) will not happen. No fix is
offered when the target keyword is already given.

## References
- [flytekit \`Cache\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/cache.py)
- [flyte-sdk \`Cache\`](https://github.com/flyteorg/flyte-sdk/blob/main/src/flyte/_cache/cache.py)
`;

// The other SDK's spelling of the version, and a singular `policy`.
const ALIASES: Readonly<Record<CacheCall['sdk'], Readonly<Record<string, string>>>> = {
  flytekit: { version_override: 'version', policy: 'policies' },
  flyte2: { version: 'version_override', policy: 'policies' },
};
const SAFE_ALIASES = new Set(['version', 'version_override']);

/** FC110 */
export const unknownCacheKeyword: Rule = {
  name: 'unknown-cache-keyword',
  severity: 'error',
  fixAvailability: 'sometimes',
  summary: 'A keyword argument `Cache(...)` does not accept',
  docs,
  // scans every `Cache(...)` call in the file.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const cache of cacheCalls(context.module)) {
      const fields = CACHE_FIELDS[cache.sdk];
      for (const arg of cache.call.arguments.args) {
        if (arg.kind !== 'keyword' || arg.name === undefined || fields.includes(arg.name)) continue;
        const message = `Unknown keyword \`${arg.name}\` for \`Cache\`: \`TypeError: Cache.__init__() got an unexpected keyword argument '${arg.name}'\``;
        const fix = fixFor(cache, arg, fields);
        findings.push({ message, start: arg.start, end: arg.end, ...(fix ? { fix } : {}) });
      }
    }
    return findings;
  },
};

function fixFor(cache: CacheCall, arg: Argument, fields: readonly string[]): Fix | undefined {
  const name = arg.name ?? '';
  const alias = ALIASES[cache.sdk][name];
  const target = alias ?? nearestName(name, fields);
  if (target) {
    if (cacheField(cache, target)) return undefined; // given twice: a SyntaxError or "got multiple values"
    const safe = alias !== undefined && SAFE_ALIASES.has(target);
    return { title: `Rename to \`${target}\``, edits: [{ start: arg.nameStart, end: arg.nameEnd, newText: target }], safe };
  }
  return { title: `Remove \`${name}\``, edits: removeArguments(cache.call.arguments, new Set([arg])), safe: false };
}
