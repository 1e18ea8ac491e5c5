import type { NodeType, SyntaxNode } from '@lezer/common';

/** Direct children of `node`, in order, without comments (they may sit anywhere in a call). */
export function childrenOf(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name !== 'Comment') out.push(child);
  return out;
}

/**
 * The first child named `name`, as `getChild` returns it; stops at the match instead of collecting
 * every match, and makes no cursor (this is on every edit's path, for every task).
 */
export function childNamed(node: SyntaxNode | null | undefined, name: string): SyntaxNode | null {
  for (let child = node?.firstChild ?? null; child; child = child.nextSibling) if (child.name === name) return child;
  return null;
}

/** Every child named `name`, in order (`getChildren`). */
export function childrenNamed(node: SyntaxNode, name: string): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) if (child.name === name) out.push(child);
  return out;
}

/** Whether `node` is, or contains, a node the parser inserted while recovering from an error (`⚠`). */
export function hasError(node: SyntaxNode): boolean {
  return containsType(node, (type) => type.isError);
}

/** Whether `node` or a node inside it is of a type `test` accepts. */
export function containsType(node: SyntaxNode, test: (type: NodeType) => boolean): boolean {
  // A cursor reads node types without allocating a SyntaxNode per node.
  const cursor = node.cursor();
  let depth = 0;
  for (;;) {
    if (test(cursor.type)) return true;
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return false;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}

/** Visits `node` and every descendant in document order; return false from `enter` to skip a subtree. */
export function walk(node: SyntaxNode, enter: (node: SyntaxNode) => boolean | void): void {
  const cursor = node.cursor();
  let depth = 0;
  for (;;) {
    if (enter(cursor.node) !== false && cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      if (depth === 0) return;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}

/** The end of `node` without trailing whitespace and newlines (decorators and bodies include them). */
export function trimmedEnd(text: string, node: { from: number; to: number }): number {
  let end = node.to;
  while (end > node.from && /\s/.test(text[end - 1] ?? '')) end--;
  return end;
}

export function ancestorNamed(node: SyntaxNode, ...names: string[]): SyntaxNode | undefined {
  for (let p = node.parent; p; p = p.parent) if (names.includes(p.name)) return p;
  return undefined;
}
