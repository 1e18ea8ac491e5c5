// ruff-style text: `file:line:col: CODE message`, then a summary. `[*]` marks a problem
// `--fix` would repair.
import type { Problem } from './report';

export function renderText(problems: readonly Problem[], afterFix: boolean): string {
  if (problems.length === 0) return 'All checks passed!\n';
  const lines = problems.map((p) => `${p.file}:${p.line}:${p.column}: ${p.code}${p.fix?.safe ? ' [*]' : ''} ${p.message}`);
  lines.push(`Found ${problems.length} ${problems.length === 1 ? 'error' : 'errors'}${afterFix ? ' remaining' : ''}.`);
  const safe = problems.filter((p) => p.fix?.safe).length;
  const unsafe = problems.filter((p) => p.fix && !p.fix.safe).length;
  if (safe) lines.push(`[*] ${safe} fixable with \`flyte-cache check --fix\`.`);
  if (unsafe) lines.push(`${unsafe} more fixable with a quick fix in the editor.`);
  return `${lines.join('\n')}\n`;
}

export function fixedSummary(problems: number, files: number): string {
  return `Fixed ${problems} ${problems === 1 ? 'problem' : 'problems'} in ${files} ${files === 1 ? 'file' : 'files'}.\n`;
}
