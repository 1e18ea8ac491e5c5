// The calls, decorators and decorated statements several analyses look for, so each does not walk
// the whole tree again. Entries carry plain facts read first (callee names, decorator names), and
// their `SyntaxNode` is looked up only when a consumer asks for one it was not handed. An edited
// document's tree (the language server's) is indexed per subtree (tree-segments.ts), so after an
// edit only the edited path is walked; any other (the CLI's) is walked once, reading facts as they
// are asked. Memoized per tree.
import { type SyntaxNode, type Tree } from '@lezer/common';
import { LazyCall, LazyDecorator, LazyStatement, WalkedCall } from './indexed-nodes';
import { type CallFacts, decoratorFacts, type DecoratorEntryFacts, type StatementFacts, statementFacts } from './node-facts';
import { type Segment, type SegmentItem, segmentOf } from './tree-segments';

export type { CallFacts, DecoratorFacts, StatementFacts } from './node-facts';
export { nodeAt } from './indexed-nodes';

export interface IndexedNode {
  readonly from: number;
  readonly to: number;
  /** The node itself, looked up in the tree when first read. */
  readonly node: SyntaxNode;
  /** The node is an error node or lies inside one (walks that skip error subtrees never see it). */
  readonly inError: boolean;
  /** Position in a pre-order walk of the tree (document order, ancestors first). */
  readonly order: number;
}

export interface IndexedCall extends IndexedNode {
  readonly facts: CallFacts;
}

export interface IndexedDecorator extends IndexedNode {
  /** `decoratorParts(node).path`. */
  readonly path: readonly string[] | undefined;
  readonly hasArgs: boolean;
}

export interface IndexedStatement extends IndexedNode {
  /** Offsets relative to `from`. */
  readonly facts: StatementFacts;
  /** `isModuleLevel` of its function definition: no function, class or lambda encloses it. */
  readonly moduleLevel: boolean;
}

export interface TreeIndex {
  /** `CallExpression` nodes in document order. */
  readonly calls: readonly IndexedCall[];
  /** `Decorator` nodes in document order. */
  readonly decorators: readonly IndexedDecorator[];
  /** `DecoratedStatement` nodes outside error subtrees, in document order. */
  readonly decorated: readonly IndexedStatement[];
  /** Start offsets of the `Decorator` nodes that contain an error node (`hasError`). */
  readonly brokenDecorators: ReadonlySet<number>;
  /** The same for `FunctionDefinition` nodes. */
  readonly brokenFunctions: ReadonlySet<number>;
}

/** What the index is built from: a `PythonDocument`. */
export interface IndexedDocument {
  readonly tree: Tree;
  readonly text: string;
  /** The document is edited: its subtrees are indexed one by one, for the next version. */
  readonly editable: boolean;
}

interface Mutable {
  calls: IndexedCall[];
  decorators: IndexedDecorator[];
  decorated: IndexedStatement[];
  brokenDecorators: Set<number>;
  brokenFunctions: Set<number>;
}

const indexes = new WeakMap<Tree, TreeIndex>();

export function treeIndex(doc: IndexedDocument): TreeIndex {
  const tree = doc.tree;
  let index = indexes.get(tree);
  if (!index) {
    const out: Mutable = { calls: [], decorators: [], decorated: [], brokenDecorators: new Set(), brokenFunctions: new Set() };
    if (doc.editable) {
      const found = new Map<SegmentItem, SyntaxNode>();
      flatten(tree, segmentOf(tree, doc.text, found), 0, 0, false, false, found, out);
    } else walkIndex(tree, doc.text, out);
    indexes.set(tree, (index = out));
  }
  return index;
}

/** `found`: the nodes of the entries new in this tree, known from the walk. */
function flatten(tree: Tree, segment: Segment, base: number, orderBase: number, inError: boolean, nested: boolean, found: ReadonlyMap<SegmentItem, SyntaxNode>, out: Mutable): void {
  for (const item of segment.items) {
    if (item.kind === 'child') {
      flatten(tree, item.facts as Segment, base + item.from, orderBase + item.order, inError || item.inError, nested || item.nested, found, out);
      continue;
    }
    const from = base + item.from;
    const to = base + item.to;
    const order = orderBase + item.order;
    const error = inError || item.inError;
    switch (item.kind) {
      case 'call':
        out.calls.push(new LazyCall(tree, 'CallExpression', from, to, error, order, found.get(item), item.facts as CallFacts));
        break;
      case 'decorator': {
        const facts = item.facts as DecoratorEntryFacts;
        out.decorators.push(new LazyDecorator(tree, 'Decorator', from, to, error, order, found.get(item), facts.path, facts.hasArgs));
        if (item.broken) out.brokenDecorators.add(from);
        break;
      }
      case 'function':
        if (item.broken) out.brokenFunctions.add(from);
        break;
      case 'decorated':
        if (!error) out.decorated.push(new LazyStatement(tree, 'DecoratedStatement', from, to, error, order, found.get(item), item.facts as StatementFacts, !(nested || item.nested)));
        break;
    }
  }
}

/** The whole tree in one walk, entries holding their nodes. */
function walkIndex(tree: Tree, text: string, out: Mutable): void {
  // Decorators and function definitions the cursor is inside, innermost last, with their depths.
  const open: { depth: number; from: number; broken: Set<number> }[] = [];
  const nesting: number[] = [];
  const cursor = tree.cursor();
  let depth = 0;
  let errorDepth = -1; // the depth of the outermost error node above the cursor, or -1
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
        out.calls.push(new WalkedCall(tree, cursor.from, cursor.to, inError, order, cursor.node, text));
        break;
      case 'Decorator': {
        const node = cursor.node;
        const { path, hasArgs } = decoratorFacts(node, text);
        out.decorators.push(new LazyDecorator(tree, 'Decorator', cursor.from, cursor.to, inError, order, node, path, hasArgs));
        open.push({ depth, from: cursor.from, broken: out.brokenDecorators });
        break;
      }
      case 'FunctionDefinition':
        open.push({ depth, from: cursor.from, broken: out.brokenFunctions });
        nesting.push(depth);
        break;
      case 'ClassDefinition':
      case 'LambdaExpression':
        nesting.push(depth);
        break;
      case 'DecoratedStatement':
        if (!inError) {
          const node = cursor.node;
          out.decorated.push(new LazyStatement(tree, 'DecoratedStatement', cursor.from, cursor.to, inError, order, node, statementFacts(node, text), nesting.length === 0));
        }
        break;
    }
    if (cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      // Leaving the node at `depth`.
      while (open.length > 0 && open[open.length - 1]!.depth >= depth) open.pop();
      while (nesting.length > 0 && nesting[nesting.length - 1]! >= depth) nesting.pop();
      if (errorDepth === depth) errorDepth = -1;
      if (depth === 0) return;
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}
