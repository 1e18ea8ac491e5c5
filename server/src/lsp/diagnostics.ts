// Engine findings -> LSP diagnostics. The fix travels in `data`, so a code-action request needs
// no server-side cache (as ruff's server does); the "disable for this line" edit is worked out from
// the document when the editor asks for code actions (code-actions.ts), not on every keystroke.
import { CodeDescription, Diagnostic, DiagnosticSeverity, TextEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../engine/model';
import { ruleDocsUrl } from '../rules/doc-page';
import { OpenDocument } from './documents';

export const SOURCE = 'flyte-cache';

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

/** A finding as last rendered, and the end of the last line its diagnostic was read from. */
interface Rendered {
  doc: OpenDocument;
  readonly until: number;
  readonly diagnostic: Diagnostic;
}

/**
 * Findings the analysis carried over an edit are the same objects as before it: when the edit
 * starts after the lines one was read from, its diagnostic is the same too, but for the version.
 */
const rendered = new WeakMap<Finding, Rendered>();

/** Findings of one document as diagnostics. */
export function toDiagnostics(doc: OpenDocument, findings: readonly Finding[]): Diagnostic[] {
  return findings.map((f) => {
    const earlier = rendered.get(f);
    if (earlier && (earlier.doc === doc || (doc.edit?.previous === earlier.doc && doc.edit.start > earlier.until))) {
      earlier.doc = doc;
      return { ...earlier.diagnostic, data: { ...(earlier.diagnostic.data as DiagnosticData), version: doc.version } };
    }
    const diagnostic = toDiagnostic(doc, f);
    const data = diagnostic.data as DiagnosticData;
    const lastLine = Math.max(diagnostic.range.end.line, ...(data.fix?.edits ?? []).map((e) => e.range.end.line));
    rendered.set(f, { doc, until: doc.offsetAt({ line: lastLine, character: Number.MAX_SAFE_INTEGER }), diagnostic });
    return diagnostic;
  });
}

export function toDiagnostic(doc: OpenDocument, finding: Finding): Diagnostic {
  const codeDescription: CodeDescription = { href: ruleDocsUrl(finding.code) };
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
