// `--format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads. One run; as in
// ruff's SARIF output, `tool.driver.rules` lists the rules that have results, by code. File URIs are
// relative to `%SRCROOT%` (the working directory).
import { version } from '../../../package.json';
import type { RuleInfo } from '../analysis';
import type { Severity } from '../engine/model';
import { PROJECT_URL, ruleDocsUrl } from '../rules/doc-page';
import type { Problem, Region } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function renderSarif(problems: readonly Problem[], allRules: readonly RuleInfo[]): string {
  const reported = new Set(problems.map((p) => p.code));
  const rules = allRules.filter((r) => reported.has(r.code)).sort((a, b) => (a.code < b.code ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.code, i]));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'flyte-cache',
            informationUri: PROJECT_URL,
            version,
            rules: rules.map(ruleDescriptor),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: problems.map((p) => result(p, index.get(p.code))),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(rule: RuleInfo) {
  return {
    id: rule.code,
    name: rule.name,
    shortDescription: { text: rule.summary },
    fullDescription: { text: section(rule.docs, 'What it does') ?? rule.summary },
    help: { text: rule.docs, markdown: rule.docs },
    helpUri: ruleDocsUrl(rule.code),
    defaultConfiguration: { level: LEVELS[rule.severity] },
    properties: { fixAvailability: rule.fixAvailability },
  };
}

/** The body of a `## title` section of a rule's docs, as one line of plain text. */
function section(docs: string, title: string): string | undefined {
  const match = new RegExp(`^## ${title}\\n([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm').exec(docs);
  const body = match?.[1]?.trim();
  return body ? body.replace(/\s*\n\s*/g, ' ') : undefined;
}

function result(p: Problem, ruleIndex: number | undefined) {
  const artifactLocation = artifact(p.file);
  return {
    ruleId: p.code,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVELS[p.severity as Severity] ?? 'warning',
    message: { text: p.message },
    locations: [{ physicalLocation: { artifactLocation, region: sarifRegion(p) } }],
    ...(p.fix
      ? {
          fixes: [
            {
              description: { text: p.fix.title },
              artifactChanges: [
                {
                  artifactLocation,
                  replacements: p.fix.edits.map((e) => ({ deletedRegion: sarifRegion(e), insertedContent: { text: e.newText } })),
                },
              ],
              properties: { safe: p.fix.safe },
            },
          ],
        }
      : {}),
  };
}

function sarifRegion(r: Region) {
  return { startLine: r.line, startColumn: r.column, endLine: r.endLine, endColumn: r.endColumn };
}

/** A path relative to the working directory becomes a relative URI reference; an absolute one a file URI. */
function artifact(file: string): { uri: string; uriBaseId?: string } {
  if (file.startsWith('/')) return { uri: `file://${encodePath(file)}` };
  if (/^[A-Za-z]:\//.test(file)) return { uri: `file:///${encodePath(file)}` };
  return { uri: encodePath(file), uriBaseId: '%SRCROOT%' };
}

function encodePath(file: string): string {
  return file
    .split('/')
    .map((segment) => (/^[A-Za-z]:$/.test(segment) ? segment : encodeURIComponent(segment)))
    .join('/');
}
