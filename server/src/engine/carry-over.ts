// Edits no rule can see. Typing inside a function body mostly changes plain expressions (`x * 3`
// to `x * 4 + offset`), comments or layout, and none of that is read by discovery or any rule: they
// read calls, decorators, signatures, bindings, imports and statement kinds. After such an edit the
// findings and tasks are the earlier ones moved by the edit's length change, so the language server
// answers without walking the module again (rust-analyzer keeps its item tree across body edits for
// the same reason). Whether an edit is one is decided on the two syntax trees, never guessed from
// the text: the edited top-level statement must have the same shape before and after, where only
// "inert" expressions may differ inside. Anything else gets `undefined` and the full analysis.
// test/unit/lsp/incremental-analysis.test.ts compares the result with a fresh analysis after every
// random edit, with and without a git baseline.
import type { SyntaxNode } from '@lezer/common';
import type { LineIndex } from './line-index';
import { mapFindingOffsets } from './finding-offsets';
import type { Finding } from './model';
import { NoqaIndex } from './noqa';
import { childrenOf, containsType, trimmedEnd } from './syntax/nodes';
import type { PythonDocument } from './syntax/python-document';
import { normalizedNode } from './task-body';
import type { TaskInfo } from './task-info';

/** One replaced range of `before`: `[start, end)` became `insertedLength` characters. */
export interface EditSpan {
  readonly start: number;
  readonly end: number;
  readonly insertedLength: number;
}

export interface Carried {
  readonly findings: Finding[];
  readonly tasks: TaskInfo[];
}

export interface CarryOptions {
  /** A git baseline is compared (FC401/FC402 read task bodies): then only comment and layout edits carry. */
  readonly baseline: boolean;
  readonly linesBefore: LineIndex;
  readonly linesAfter: LineIndex;
}

/**
 * An expression in one of these reads or binds something a rule looks at (a call, a lambda, a
 * comprehension's or walrus's binding, a generator's output), or is a syntax error.
 */
const VISIBLE = new Set([
  'CallExpression',
  'LambdaExpression',
  'NamedExpression',
  'YieldExpression',
  'AwaitExpression',
  'ComprehensionExpression',
  'ArrayComprehensionExpression',
  'DictionaryComprehensionExpression',
  'SetComprehensionExpression',
]);

/** Nodes with text of their own between their children. */
const TEXTUAL = new Set(['String', 'FormatString', 'ContinuedString', 'FormatSpec']);

/**
 * The findings and tasks of `after`, from those of `before` (`carried`), when `edit` is one no rule
 * sees; otherwise undefined.
 */
export function carryOver(before: PythonDocument, after: PythonDocument, edit: EditSpan, carried: Carried, options: CarryOptions): Carried | undefined {
  if (!before.parsed || !after.parsed) return undefined;
  const delta = edit.insertedLength - (edit.end - edit.start);
  const oldUnit = unitAround(before.tree.topNode, edit.start, edit.end);
  if (!oldUnit) return undefined;
  const newUnit = after.tree.topNode.childAfter(oldUnit.from);
  if (!newUnit || newUnit.from !== oldUnit.from || newUnit.to !== oldUnit.to + delta || newUnit.name !== oldUnit.name) return undefined;
  if (!sameNeighbours(oldUnit, newUnit, delta)) return undefined;
  if (!sameShape(oldUnit, before.text, newUnit, after.text, false)) return undefined;
  if (options.baseline && normalizedNode(oldUnit, before.text) !== normalizedNode(newUnit, after.text)) return undefined;
  if (touchesNoqa(before, after, edit, options)) return undefined;
  // An offset in the edited statement next to the edit, with only whitespace between, may move
  // with it or not (a definition's end skips trailing whitespace, and a comment typed there
  // becomes its end). The statements after it moved whole.
  const text = before.text;
  const untouched = (offset: number): boolean => offset < edit.start && !blank(text, offset, edit.start);
  const move = (offset: number): number | undefined =>
    untouched(offset) ? offset : offset > edit.end && (offset >= oldUnit.to || !blank(text, edit.end, offset)) ? offset + delta : undefined;
  const findings: Finding[] = [];
  for (const finding of carried.findings) {
    const moved = moveFinding(finding, move, untouched);
    if (!moved) return undefined;
    findings.push(moved);
  }
  // A task's end is its definition's end without trailing whitespace: read again when text was typed at it.
  const defEndAfter = (defStart: number): number | undefined => {
    for (let node: SyntaxNode | null = after.tree.resolveInner(defStart, 1); node; node = node.parent) {
      if (node.name === 'FunctionDefinition' && node.from === defStart) return trimmedEnd(after.text, node);
    }
    return undefined;
  };
  const tasks: TaskInfo[] = [];
  for (const task of carried.tasks) {
    const moved = moveTask(task, move, untouched, defEndAfter);
    if (!moved) return undefined;
    tasks.push(moved);
  }
  return { findings, tasks };
}

/** The top-level statement holding `[start, end]`, not starting at `start` (that would change its start). */
function unitAround(script: SyntaxNode, start: number, end: number): SyntaxNode | undefined {
  const unit = script.childAfter(start - 1);
  return unit && unit.from < start && end <= unit.to ? unit : undefined;
}

/** The statements around the edited one start and end where they did (the rest parsed alike). */
function sameNeighbours(oldUnit: SyntaxNode, newUnit: SyntaxNode, delta: number): boolean {
  const oldNext = oldUnit.nextSibling;
  const newNext = newUnit.nextSibling;
  const oldPrev = oldUnit.prevSibling;
  const newPrev = newUnit.prevSibling;
  if ((oldNext === null) !== (newNext === null) || (oldPrev === null) !== (newPrev === null)) return false;
  if (oldNext && newNext && (newNext.from !== oldNext.from + delta || newNext.name !== oldNext.name)) return false;
  return !oldPrev || !newPrev || (newPrev.to === oldPrev.to && newPrev.name === oldPrev.name);
}

/**
 * Two versions of a statement have the same shape: equal node kinds and leaf texts everywhere,
 * comments aside, except inert expressions inside function bodies, which only need the same kind
 * of root (a docstring stays a string, `...` stays `...`). `inFunction`: the nodes are inside a
 * function's body (not a class's, not module level).
 */
function sameShape(a: SyntaxNode, aText: string, b: SyntaxNode, bText: string, inFunction: boolean): boolean {
  if (a.name !== b.name || a.type.isError || b.type.isError) return false;
  const as = childrenOf(a);
  const bs = childrenOf(b);
  if (as.length !== bs.length) return false;
  // Strings hold text between their children (escapes, replacement fields): compared whole.
  if ((as.length === 0 || TEXTUAL.has(a.name)) && aText.slice(a.from, a.to) !== bText.slice(b.from, b.to)) return false;
  const readsFrom = inFunction ? firstReadChild(a, as) : -1;
  for (let i = 0; i < as.length; i++) {
    const x = as[i]!;
    const y = bs[i]!;
    if (readsFrom >= 0 && i >= readsFrom && inert(x) && inert(y)) {
      if (x.name !== y.name) return false;
      continue;
    }
    const childInFunction = x.name === 'Body' ? a.name === 'FunctionDefinition' || (inFunction && a.name !== 'ClassDefinition') : inFunction;
    if (!sameShape(x, aText, y, bText, childInFunction)) return false;
  }
  return true;
}

/** Only whitespace in `text[from, to)`. */
function blank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) return false;
  }
  return true;
}

/**
 * Where a statement's read-only expressions start among its children, or -1: an expression
 * statement's expression, what `return` returns, the value of `x = ...` or `x += ...` (never a
 * target), an `if`/`while` condition.
 */
function firstReadChild(statement: SyntaxNode, children: readonly SyntaxNode[]): number {
  switch (statement.name) {
    case 'ExpressionStatement':
      return 0;
    case 'ReturnStatement':
      return 1;
    case 'AssignStatement':
    case 'UpdateStatement': {
      const op = statement.name === 'AssignStatement' ? 'AssignOp' : 'UpdateOp';
      for (let i = children.length - 1; i >= 0; i--) if (children[i]!.name === op) return i + 1;
      return -1;
    }
    default:
      return -1;
  }
}

/** An expression no rule reads into: nothing in it calls, binds, yields, awaits or fails to parse. */
function inert(node: SyntaxNode): boolean {
  return !containsType(node, (type) => type.isError || VISIBLE.has(type.name));
}

/** A `# noqa` on a line the edit touches could start or stop suppressing something. */
function touchesNoqa(before: PythonDocument, after: PythonDocument, edit: EditSpan, options: CarryOptions): boolean {
  const check = (doc: PythonDocument, lines: LineIndex, from: number, to: number): boolean => {
    const index = new NoqaIndex(doc, lines);
    const last = lines.position(to).line;
    for (let line = lines.position(from).line; line <= last; line++) {
      if (index.directiveAt(lines.offset({ line, character: 0 }))) return true;
    }
    return false;
  };
  return (
    check(before, options.linesBefore, edit.start, edit.end) || check(after, options.linesAfter, edit.start, edit.start + edit.insertedLength)
  );
}

type Move = (offset: number) => number | undefined;

/** `untouched`: the offset, and so every one before it, stays where it is. */
function moveFinding(finding: Finding, move: Move, untouched: (offset: number) => boolean): Finding | undefined {
  if (untouched(finding.end) && (!finding.fix || finding.fix.edits.every((e) => untouched(e.end)))) return finding;
  return mapFindingOffsets(finding, move);
}

function moveTask(task: TaskInfo, move: Move, untouched: (offset: number) => boolean, defEndAfter: (defStart: number) => number | undefined): TaskInfo | undefined {
  const version = typeof task.version === 'object' ? task.version : undefined;
  if (untouched(task.defEnd) && untouched(task.decoratorEnd) && (!version || untouched(version.end))) return task;
  const defStart = move(task.defStart);
  const defEnd = move(task.defEnd) ?? (untouched(task.defStart) ? defEndAfter(task.defStart) : undefined);
  const nameStart = move(task.nameStart);
  const nameEnd = move(task.nameEnd);
  const decoratorStart = move(task.decoratorStart);
  const decoratorEnd = move(task.decoratorEnd);
  if (defStart === undefined || defEnd === undefined || nameStart === undefined || nameEnd === undefined || decoratorStart === undefined || decoratorEnd === undefined) return undefined;
  let movedVersion = task.version;
  if (version) {
    const start = move(version.start);
    const end = move(version.end);
    if (start === undefined || end === undefined) return undefined;
    movedVersion = { ...version, start, end };
  }
  // Spelled out rather than spread: this runs for every task after the edit, on every keystroke.
  return { name: task.name, flavor: task.flavor, defStart, defEnd, nameStart, nameEnd, decoratorStart, decoratorEnd, cache: task.cache, version: movedVersion };
}
