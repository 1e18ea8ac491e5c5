// Engine findings -> LSP diagnostics. The fix travels in `data`, so a code-action
// request needs no server-side cache (as ruff's server does).
import { CodeDescription, Diagnostic, DiagnosticSeverity, TextEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine/model';
import { OpenDocument } from './documents';

export const SOURCE = 'flyte-cache';
export const DOCS_BASE = 'https://github.com/flyte-cache-inspector/flyte-cache-inspector/blob/main/docs/rules/';

export interface DiagnosticData {
  version: number;
  fix?: { title: string; safe: boolean; edits: TextEdit[] };
}

const severities: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

export function toLspEdits(doc: OpenDocument, fix: Fix): TextEdit[] {
  return fix.edits.map((e) => ({ range: doc.rangeOf(e.start, e.end), newText: e.newText }));
}

export function toDiagnostic(doc: OpenDocument, finding: Finding): Diagnostic {
  const codeDescription: CodeDescription = { href: `${DOCS_BASE}${finding.code}.md` };
  const data: DiagnosticData = { version: doc.version };
  if (finding.fix) data.fix = { title: finding.fix.title, safe: finding.fix.safe, edits: toLspEdits(doc, finding.fix) };
  return {
    range: doc.rangeOf(finding.start, finding.end),
    severity: severities[finding.severity],
    code: finding.code,
    codeDescription,
    source: SOURCE,
    message: finding.message,
    data,
  };
}
