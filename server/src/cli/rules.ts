// `flyte-cache rules [--format json]` lists every rule; `flyte-cache rule FC101` prints its docs.
import { allRules } from '../analysis';
import { ruleDocsUrl } from '../rules/doc-page';
import { choice, parseArgs, UsageError } from './args';

export function listRules(argv: readonly string[], out: (s: string) => void): number {
  const args = parseArgs(argv, ['format'], []);
  const rules = allRules();
  if (choice(args.options.get('format'), ['text', 'json'] as const, 'text', 'format') === 'json') {
    const listed = rules.map((r) => ({ code: r.code, name: r.name, severity: r.severity, fixAvailability: r.fixAvailability, summary: r.summary, url: ruleDocsUrl(r.code) }));
    out(`${JSON.stringify(listed, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.name.length));
  for (const r of rules) out(`${r.code}  ${r.name.padEnd(width)}  ${r.severity.padEnd(7)}  ${r.summary}\n`);
  return 0;
}

export function showRule(code: string | undefined, out: (s: string) => void): number {
  if (!code) throw new UsageError('rule needs a code, e.g. `flyte-cache rule FC101`');
  const rule = allRules().find((r) => r.code === code.toUpperCase() || r.name === code);
  if (!rule) throw new UsageError(`unknown rule ${code}; \`flyte-cache rules\` lists them`);
  out(`${rule.docs.trimEnd()}\n`);
  return 0;
}
