// One pass over a syntax tree collecting the nodes several analyses look for (calls, decorators,
// decorated statements), so each does not walk the whole tree again. Memoized per tree.
import type { SyntaxNode, Tree } from '@lezer/common';

export interface IndexedNode {
  readonly node: SyntaxNode;
  /** The node is an error node or lies inside one (walks that skip error subtrees never see it). */
  readonly inError: boolean;
  /** Position in a pre-order walk of the tree (document order, ancestors first). */
  readonly order: number;
}

export interface TreeIndex {
  /** `CallExpression` nodes in document order. */
  readonly calls: readonly IndexedNode[];
  /** `Decorator` nodes in document order. */
  readonly decorators: readonly IndexedNode[];
  /** `DecoratedStatement` nodes outside error subtrees, in document order. */
  readonly decorated: readonly SyntaxNode[];
  /** Start offsets of the `Decorator` nodes that contain an error node (`hasError`), read in the same walk. */
  readonly brokenDecorators: ReadonlySet<number>;
  /** The same for `FunctionDefinition` nodes. */
  readonly brokenFunctions: ReadonlySet<number>;
}

const indexes = new WeakMap<Tree, TreeIndex>();

export function treeIndex(tree: Tree): TreeIndex {
  let index = indexes.get(tree);
  if (!index) indexes.set(tree, (index = buildIndex(tree)));
  return index;
}

function buildIndex(tree: Tree): TreeIndex {
  const calls: IndexedNode[] = [];
  const decorators: IndexedNode[] = [];
  const decorated: SyntaxNode[] = [];
  const brokenDecorators = new Set<number>();
  const brokenFunctions = new Set<number>();
  // Decorators and function definitions the cursor is inside, innermost last, with their depths.
  const open: { depth: number; from: number; broken: Set<number> }[] = [];
  const cursor = tree.cursor();
  // errorDepth: the depth of the outermost error node above the cursor, or -1.
  let depth = 0;
  let errorDepth = -1;
  let order = 0;
  for (;;) {
    order++;
    const type = cursor.type;
    if (type.isError) {
      if (errorDepth < 0) errorDepth = depth;
      for (const d of open) d.broken.add(d.from);
    }
    const inError = errorDepth >= 0;
    switch (type.name) {
      case 'CallExpression':
        calls.push({ node: cursor.node, inError, order });
        break;
      case 'Decorator':
        decorators.push({ node: cursor.node, inError, order });
        open.push({ depth, from: cursor.from, broken: brokenDecorators });
        break;
      case 'FunctionDefinition':
        open.push({ depth, from: cursor.from, broken: brokenFunctions });
        break;
      case 'DecoratedStatement':
        if (!inError) decorated.push(cursor.node);
        break;
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      // Leaving the node at `depth`.
      while (open.length > 0 && open[open.length - 1]!.depth >= depth) open.pop();
      if (errorDepth === depth) errorDepth = -1;
      if (depth === 0) return { calls, decorators, decorated, brokenDecorators, brokenFunctions };
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}
