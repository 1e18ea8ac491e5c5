// The file cut into its top-level statements ("units"), for reusing per-task results between
// edits. A task-scoped rule's findings for the tasks of one unit are a function of that unit's text,
// its index, and the module context; the context signature below holds everything else a
// task-scoped rule may read (see `RuleScope` in model.ts): the full text of every unit that is not
// a function or class definition and of the gaps between units, plus each definition's kind and name.
import type { TreeCursor } from '@lezer/common';
import type { PythonDocument } from './syntax/python-document';

export interface Unit {
  readonly from: number;
  readonly to: number;
  /** A function or class definition (decorated or not): its text is not part of the context signature. */
  readonly isDef: boolean;
}

export interface UnitLayout {
  readonly units: readonly Unit[];
  /** Equal signatures (and equal unit texts) mean equal task-scoped findings for that unit. */
  readonly signature: string;
}

const DEFS = new Set(['FunctionDefinition', 'ClassDefinition', 'DecoratedStatement']);

export function unitLayout(doc: PythonDocument): UnitLayout {
  const text = doc.text;
  const units: Unit[] = [];
  const parts: string[] = [];
  let at = 0;
  // A cursor, not node objects: this runs on every edit over every top-level statement.
  const cursor = doc.tree.cursor();
  if (cursor.firstChild()) {
    do {
      const { name, from, to } = cursor;
      const isDef = DEFS.has(name);
      units.push({ from, to, isDef });
      parts.push(text.slice(at, from));
      // The node type is included even for text units: the same text could parse differently after
      // error recovery, and a task-scoped rule sees the module through the tree, not the text.
      parts.push(isDef ? `\u0000${name}:${defName(cursor, text)}\u0000` : `\u0001${name}\u0001${text.slice(from, to)}`);
      at = to;
    } while (cursor.nextSibling());
  }
  parts.push(text.slice(at));
  return { units, signature: parts.join('') };
}

/**
 * The bound name, as `ModuleScope` records it (the definition's own `VariableName`), read below the
 * cursor's node; the cursor is left where it was.
 */
function defName(cursor: TreeCursor, text: string): string {
  let name = '';
  const decorated = cursor.name === 'DecoratedStatement';
  if (decorated) {
    if (!cursor.firstChild()) return ':';
    // (read through `kindOf`: the check above would narrow `cursor.name` although the cursor moves)
    while (kindOf(cursor) !== 'FunctionDefinition' && kindOf(cursor) !== 'ClassDefinition') {
      if (!cursor.nextSibling()) {
        cursor.parent();
        return ':';
      }
    }
  }
  const def = kindOf(cursor);
  if (cursor.firstChild()) {
    do {
      if (kindOf(cursor) === 'VariableName') {
        name = text.slice(cursor.from, cursor.to);
        break;
      }
    } while (cursor.nextSibling());
    cursor.parent();
  }
  if (decorated) cursor.parent();
  return `${def}:${name}`;
}

const kindOf = (cursor: TreeCursor): string => cursor.name;

/** The index of the last unit starting at or before `offset`, or -1. */
export function unitIndexAt(units: readonly Unit[], offset: number): number {
  let lo = 0;
  let hi = units.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (units[mid]!.from <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * An offset stored relative to something that stays put while the cache key holds: `in` counts
 * from the start of unit `unit`, `after` from its end (`unit` -1: from the start of the file).
 */
export interface Anchor {
  readonly unit: number;
  readonly after: boolean;
  readonly rel: number;
}

/**
 * `offset` anchored for a finding of unit `own`; undefined when it lies inside another definition
 * (whose text is not part of the key, so it may move or change without the key changing).
 */
export function anchor(units: readonly Unit[], own: number, offset: number): Anchor | undefined {
  const k = unitIndexAt(units, offset);
  if (k < 0) return { unit: -1, after: true, rel: offset };
  const unit = units[k]!;
  if (offset >= unit.to) return { unit: k, after: true, rel: offset - unit.to };
  if (unit.isDef && k !== own && offset !== unit.from) return undefined;
  return { unit: k, after: false, rel: offset - unit.from };
}

export function resolve(units: readonly Unit[], a: Anchor): number {
  if (a.unit < 0) return a.rel;
  const unit = units[a.unit]!;
  return (a.after ? unit.to : unit.from) + a.rel;
}
