// `# noqa` suppression, applied once after all rules have run (rules never look at comments).
//   `# noqa`               suppresses every finding on its line
//   `# noqa: FC101, FC106` suppresses those codes (case-insensitive; other tools' codes are ignored)
// A finding is suppressed by a directive on the line where it starts, or, when it lies in a task's
// header (decorator through signature), on the decorator's first line, so one comment on
// `@task(` covers a multi-line decorator call.
import type { SyntaxNode } from '@lezer/common';
import { LineIndex } from './line-index';
import type { Finding, TextEdit } from './model';
import type { PythonDocument } from './syntax/python-document';
import type { FlyteModule } from './syntax/tasks';

export interface NoqaDirective {
  /** The comment holding the directive. */
  readonly commentStart: number;
  readonly commentEnd: number;
  /** Bare `# noqa`: every code. */
  readonly all: boolean;
  /** Upper-cased codes of `# noqa: A, B`. */
  readonly codes: readonly string[];
  /** Where a new code is appended: the end of the last listed code. */
  readonly codesEnd: number;
}

/** One comment per line at most (a comment runs to the end of its line). */
interface LineComment {
  readonly start: number;
  readonly end: number;
  readonly directive?: NoqaDirective;
}

const DIRECTIVE = /#\s*noqa\b/gi;
const CODE_LIST = /^\s*:\s*([A-Za-z]+[0-9]+(?:\s*,\s*[A-Za-z]+[0-9]+|\s+[A-Za-z]+[0-9]+)*)/;

/**
 * The noqa directive in one comment's text, or undefined. `# noqa:` with no code after it is not a
 * directive (ruff ignores it too), so a half-typed comment never silences everything.
 */
export function parseNoqaComment(text: string, offset = 0): NoqaDirective | undefined {
  for (const match of text.matchAll(DIRECTIVE)) {
    const after = match.index + match[0].length;
    const rest = text.slice(after);
    if (!/^\s*:/.test(rest)) {
      return { commentStart: offset, commentEnd: offset + text.length, all: true, codes: [], codesEnd: offset + after };
    }
    const list = CODE_LIST.exec(rest);
    if (!list?.[1]) continue;
    const codes = list[1].split(/[\s,]+/).map((c) => c.toUpperCase());
    return { commentStart: offset, commentEnd: offset + text.length, all: false, codes, codesEnd: offset + after + list[0].length };
  }
  return undefined;
}

export class NoqaIndex {
  private readonly lines: LineIndex;
  /** Per line looked at so far: its comment, or null. Lines are read on demand: most files have
   * few findings, and reading every comment of a large file costs more than the findings do. */
  private readonly comments = new Map<number, LineComment | null>();

  /** `lines`: the document's line index when the caller holds one already. */
  constructor(
    private readonly doc: PythonDocument,
    lines?: LineIndex,
  ) {
    this.lines = lines ?? new LineIndex(doc.text);
  }

  /** The comment on `line` (a comment runs to the end of its line, so there is at most one). */
  private commentOn(line: number): LineComment | undefined {
    let comment = this.comments.get(line);
    if (comment === undefined) {
      const start = this.lines.offset({ line, character: 0 });
      const end = this.lines.offset({ line, character: Number.MAX_SAFE_INTEGER });
      comment = null;
      const cursor = this.doc.tree.cursorAt(end, -1);
      // From the node before the line's end, back through the line: the comment, if any, is its last token.
      for (;;) {
        if (cursor.name === 'Comment' && cursor.from >= start && cursor.to <= end) {
          const directive = parseNoqaComment(this.doc.text.slice(cursor.from, cursor.to), cursor.from);
          comment = { start: cursor.from, end: cursor.to, ...(directive ? { directive } : {}) };
          break;
        }
        if (!cursor.prev() || cursor.to <= start) break;
      }
      this.comments.set(line, comment);
    }
    return comment ?? undefined;
  }

  /** The directive on the line holding `offset`. */
  directiveAt(offset: number): NoqaDirective | undefined {
    return this.commentOn(this.lines.position(offset).line)?.directive;
  }

  suppresses(offset: number, code: string): boolean {
    const directive = this.directiveAt(offset);
    return !!directive && (directive.all || directive.codes.includes(code.toUpperCase()));
  }

  /**
   * The edit adding `code` to the noqa comment of the line holding `offset`: extends an existing
   * `# noqa: ...` list, or appends `  # noqa: CODE` after the code or the line's comment. Undefined
   * when the line is already suppressed or a comment cannot go there (the line continues with a
   * backslash or ends inside a multi-line string).
   */
  addCodeEdit(offset: number, code: string): TextEdit | undefined {
    const upper = code.toUpperCase();
    const line = this.lines.position(offset).line;
    const comment = this.commentOn(line);
    const directive = comment?.directive;
    if (directive) {
      if (directive.all || directive.codes.includes(upper)) return undefined;
      return { start: directive.codesEnd, end: directive.codesEnd, newText: `, ${upper}` };
    }
    if (comment) return { start: comment.end, end: comment.end, newText: `  # noqa: ${upper}` };
    const text = this.doc.text;
    const lineEnd = this.lines.offset({ line, character: Number.MAX_SAFE_INTEGER });
    let end = lineEnd;
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    if (text[end - 1] === '\\' || insideString(this.doc.tree.resolveInner(end, -1))) return undefined;
    return { start: end, end: lineEnd, newText: `  # noqa: ${upper}` };
  }
}

function insideString(node: SyntaxNode | null): boolean {
  for (let n = node; n; n = n.parent) {
    if (n.name === 'String' || n.name === 'FormatString') return true;
  }
  return false;
}

/** Drops the findings a `# noqa` comment suppresses. */
export function suppressFindings(module: FlyteModule, findings: readonly Finding[]): Finding[] {
  if (!/noqa/i.test(module.doc.text)) return [...findings]; // no copy of a large text lowered
  const index = new NoqaIndex(module.doc);
  const headers = module.tasks.map((task) => ({ start: task.decoratorStart, end: headerEnd(task.def, task.defEnd) }));
  return findings.filter((finding) => {
    if (index.suppresses(finding.start, finding.code)) return false;
    return !headers.some((h) => finding.start >= h.start && finding.start < h.end && index.suppresses(h.start, finding.code));
  });
}

/** Where the function's body starts (its `:`), which ends the decorator-and-signature header. */
function headerEnd(def: SyntaxNode, fallback: number): number {
  for (let child = def.firstChild; child; child = child.nextSibling) if (child.name === 'Body') return child.from;
  return fallback;
}
