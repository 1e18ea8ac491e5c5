// One problem as the CLI reports it: 1-based line and column (UTF-16 code units, as LSP and SARIF's
// default `columnKind` count), plus its fix in the same coordinates.
import { LineIndex } from '../engine/line-index';
import type { Finding } from '../engine/model';

/** The `--format json` record; its fields are a public interface. */
export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: string;
  message: string;
  fixable: boolean;
}

export interface Region {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Problem extends JsonFinding {
  fix?: { title: string; safe: boolean; edits: (Region & { newText: string })[] };
}

export function toProblem(file: string, lines: LineIndex, f: Finding): Problem {
  const problem: Problem = { file, ...region(lines, f.start, f.end), code: f.code, severity: f.severity, message: f.message, fixable: !!f.fix };
  if (f.fix) {
    problem.fix = { title: f.fix.title, safe: f.fix.safe, edits: f.fix.edits.map((e) => ({ ...region(lines, e.start, e.end), newText: e.newText })) };
  }
  return problem;
}

function region(lines: LineIndex, start: number, end: number): Region {
  const s = lines.position(start);
  const e = lines.position(end);
  return { line: s.line + 1, column: s.character + 1, endLine: e.line + 1, endColumn: e.character + 1 };
}

export function toJson(p: Problem): JsonFinding {
  return { file: p.file, line: p.line, column: p.column, endLine: p.endLine, endColumn: p.endColumn, code: p.code, severity: p.severity, message: p.message, fixable: p.fixable };
}
