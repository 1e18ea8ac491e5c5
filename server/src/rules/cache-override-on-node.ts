import type { SyntaxNode } from '@lezer/common';
import type { Fix, Rule, RuleContext, RuleFinding } from '../engine/model';
import { type Argument, callArguments, hasSplat } from '../engine/syntax/arguments';
import { FLYTEKIT_CACHE_CLASSES, UNION_ROOTS } from '../engine/syntax/flyte-names';
import { treeIndex } from '../engine/syntax/tree-index';
import { callSite, type FlyteModule } from '../engine/syntax/tasks';
import { childNamed } from '../engine/syntax/nodes';

const docs = `## What it does
Checks for cache settings on a workflow node, \`some_task(...).with_overrides(cache=..., cache_version=...)\`.
This is a hint; it is an error when \`cache=True\` (or a \`Cache\` without \`version\`) comes without a version.

## Why is this bad?
A node override changes the node's metadata in the compiled workflow. Local execution
(\`pyflyte run\` without \`--remote\`) reads the task's own cache settings, so the override has no local
effect, and what a remote run does depends on the backend version.

Since flytekit 1.16, an override that turns caching on without a version raises when the workflow is
compiled:

\`\`\`
ValueError: must specify cache version when overriding
\`\`\`

Without a default cache policy (open-source flytekit), \`with_overrides(cache=True)\` alone fails one step
earlier, building a \`Cache\` with neither version nor policy:
\`ValueError: If version is not defined then at least one cache policy needs to be set\`.

## Example
\`\`\`python
from flytekit import task, workflow

@task
def featurize(path: str) -> str: ...

@workflow
def wf(path: str) -> str:
    return featurize(path=path).with_overrides(cache=True)
\`\`\`

Use instead:
\`\`\`python
from flytekit import task, workflow

@task(cache=True, cache_version="1")
def featurize(path: str) -> str: ...

@workflow
def wf(path: str) -> str:
    return featurize(path=path)
\`\`\`

## Fix safety
For the error form the fix adds \`cache_version="1"\` after \`cache=True\`, or \`version="1"\` to the
\`Cache(...)\`; it is safe, since the workflow did not compile before. The hint has no fix.

## References
- [flytekit \`Node.with_overrides\`](https://github.com/flyteorg/flytekit/blob/master/flytekit/core/node.py)
`;

const CACHE_KEYWORDS = ['cache', 'cache_version', 'cache_serialize'];

/** FC205 */
export const cacheOverrideOnNode: Rule = {
  name: 'cache-override-on-node',
  severity: 'info',
  fixAvailability: 'sometimes',
  summary: 'Cache settings in `with_overrides(...)` act on the remote node only',
  docs,
  // scans every call in the file for `with_overrides(...)`, workflows included.
  scope: 'module',
  check(context: RuleContext): RuleFinding[] {
    const { module, settings } = context;
    const roots = module.scope.importedRoots;
    if (!roots.has('flytekit') && !UNION_ROOTS.some((r) => roots.has(r))) return [];
    const defaultPolicy = settings.defaultCachePolicy === 'function-body' || module.usesUnion;
    const findings: RuleFinding[] = [];
    for (const call of treeIndex(module.doc).calls) {
      if (call.facts.member !== 'with_overrides') continue;
      const node = call.node;
      const args = overrideArguments(node, module.doc.text);
      if (!args) continue;
      const cacheArgs = args.filter((a) => a.kind === 'keyword' && CACHE_KEYWORDS.includes(a.name ?? ''));
      const first = cacheArgs.find((a) => a.name === 'cache') ?? cacheArgs[0];
      if (first) findings.push(check(module, first, cacheArgs, node.from, defaultPolicy));
    }
    return findings;
  },
};

/** The arguments of `<call>(...).with_overrides(...)`; undefined for anything else or unreadable ones. */
function overrideArguments(node: SyntaxNode, text: string): readonly Argument[] | undefined {
  if (node.name !== 'CallExpression') return undefined;
  const callee = node.firstChild;
  const property = callee?.name === 'MemberExpression' ? childNamed(callee, 'PropertyName') : null;
  const argList = childNamed(node, 'ArgList');
  if (!callee || !property || !argList || text.slice(property.from, property.to) !== 'with_overrides') return undefined;
  if (callee.firstChild?.name !== 'CallExpression') return undefined;
  const args = callArguments(argList, text);
  return args.broken || hasSplat(args) ? undefined : args.args;
}

function check(module: FlyteModule, first: Argument, cacheArgs: readonly Argument[], offset: number, defaultPolicy: boolean): RuleFinding {
  const text = module.doc.text;
  const hint: RuleFinding = {
    message: 'Cache settings in `with_overrides(...)` change only the remote workflow node: local runs use the task\'s own cache settings',
    start: first.start,
    end: first.end,
  };
  const value = first.name === 'cache' ? first.value : undefined;
  if (!value) return hint;
  const hasVersion = cacheArgs.some((a) => a.name === 'cache_version');
  if (value.name === 'Boolean' && text.slice(value.from, value.to) === 'True' && !hasVersion) {
    const sdkText = defaultPolicy ? 'must specify cache version when overriding' : 'If version is not defined then at least one cache policy needs to be set';
    const end = first.end;
    const fix: Fix = { title: 'Add `cache_version="1"`', edits: [{ start: end, end, newText: ', cache_version="1"' }], safe: true };
    return { ...errorAt(first, `\`with_overrides(cache=True)\` without a cache version raises: \`ValueError: ${sdkText}\``), fix };
  }
  const call = callSite(value, text);
  const qualified = call ? module.scope.qualify(call.calleePath, offset) : undefined;
  if (!call || !qualified || !FLYTEKIT_CACHE_CLASSES.includes(qualified) || call.arguments.broken || hasSplat(call.arguments)) return hint;
  const named = (name: string, position: number): Argument | undefined =>
    call.arguments.args.find((a) => a.kind === 'keyword' && a.name === name) ?? call.arguments.args.filter((a) => a.kind === 'positional')[position];
  const version = named('version', 0);
  if (version && version.value?.name !== 'None') return hint;
  const policies = named('policies', 4);
  const hasPolicies = policies?.value ? !/^\[\s*\]$/.test(text.slice(policies.value.from, policies.value.to)) : defaultPolicy;
  const sdkText = hasPolicies ? 'must specify cache version when overriding' : 'If version is not defined then at least one cache policy needs to be set';
  const { open, args } = call.arguments;
  if (version) return errorAt(first, `A \`Cache\` override without a version raises: \`ValueError: ${sdkText}\``);
  const fix: Fix = { title: 'Add `version="1"`', edits: [{ start: open + 1, end: open + 1, newText: args.length > 0 ? 'version="1", ' : 'version="1"' }], safe: true };
  return { ...errorAt(first, `A \`Cache\` override without a version raises: \`ValueError: ${sdkText}\``), fix };
}

function errorAt(arg: Argument, message: string): RuleFinding {
  return { message, start: arg.start, end: arg.end, severity: 'error' };
}
