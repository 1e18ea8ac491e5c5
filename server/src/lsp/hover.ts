// Hover over a flagged range: the rule's code, name and documentation, linked to its docs page.
import { Hover, MarkupKind, Position } from 'vscode-languageserver';
import type { RuleInfo } from '../analysis';
import type { Finding } from '../engine/model';
import { ruleDocsUrl } from '../rules/doc-page';
import type { OpenDocument } from './documents';

export function hoverAt(doc: OpenDocument, position: Position, findings: readonly Finding[], rules: readonly RuleInfo[]): Hover | null {
  const offset = doc.offsetAt(position);
  const hits = findings.filter((f) => f.start <= offset && offset <= f.end);
  if (hits.length === 0) return null;
  const sections: string[] = [];
  for (const code of new Set(hits.map((f) => f.code))) {
    const rule = rules.find((r) => r.code === code);
    if (rule) sections.push(ruleMarkdown(rule));
  }
  if (sections.length === 0) return null;
  const start = Math.min(...hits.map((f) => f.start));
  const end = Math.max(...hits.map((f) => f.end));
  return { contents: { kind: MarkupKind.Markdown, value: sections.join('\n\n---\n\n') }, range: doc.rangeOf(start, end) };
}

export function ruleMarkdown(rule: RuleInfo): string {
  // The docs use `##` sections; one level down keeps them smaller than the title in a hover.
  const docs = rule.docs.trim().replace(/^##\s/gm, '#### ');
  return [
    `### ${rule.code} \`${rule.name}\``,
    '',
    `${rule.summary} (${rule.severity}). [Open ${rule.code} documentation](${ruleDocsUrl(rule.code)})`,
    '',
    docs,
    '',
    `Suppress with \`# noqa: ${rule.code}\` on the decorator line.`,
  ].join('\n');
}
