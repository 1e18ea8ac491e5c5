// The tree index's data for one lezer `Tree` (a subtree), with positions relative to its start and
// plain facts read from the nodes (callee names, decorator names), memoized by object identity.
// An incremental parse hands back every unchanged subtree as the same `Tree` object over the same
// text (only shifted), so after an edit only the subtrees on the edited path are walked again.
import { IterMode, type SyntaxNode, type Tree } from '@lezer/common';
import { type CallFacts, callFacts, type DecoratorEntryFacts, decoratorFacts, type StatementFacts, statementFacts } from './node-facts';

/** An entry, or (`kind` 'child') a child subtree indexed on its own; one shape for both, so reading them stays fast. */
export class SegmentItem {
  constructor(
    readonly kind: 'call' | 'decorator' | 'decorated' | 'function' | 'child',
    readonly from: number,
    readonly to: number,
    /** Pre-order position among the segment's named nodes. */
    readonly order: number,
    /** An error node within the segment encloses it (or it is one). */
    readonly inError: boolean,
    /** Inside a function, class or lambda within the segment (`isModuleLevel` of a decorated def). */
    readonly nested: boolean,
    readonly facts: CallFacts | DecoratorEntryFacts | StatementFacts | Segment | undefined,
  ) {}

  /** A decorator or function definition holding an error node. */
  broken = false;
}

export interface Segment {
  /** Entries and child subtrees, in pre-order. */
  readonly items: readonly SegmentItem[];
  /** The subtree's length. */
  readonly length: number;
  /** Named nodes in the subtree (for the order of what follows it). */
  readonly count: number;
  readonly containsError: boolean;
}

const segments = new WeakMap<Tree, Segment>();

/** A segment being built: the state of one subtree's walk. */
class Builder {
  readonly items: SegmentItem[] = [];
  /** Decorators and function definitions the walk is inside, innermost last, with their depths. */
  readonly open: { depth: number; entry: SegmentItem }[] = [];
  /** Depths of the functions, classes and lambdas the walk is inside. */
  readonly nesting: number[] = [];
  order = 0;
  /** The depth of the outermost error node above the walk, or -1. */
  errorDepth = -1;
  containsError = false;

  constructor(
    readonly tree: Tree,
    readonly start: number,
    readonly depth: number,
  ) {}

  item(kind: SegmentItem['kind'], from: number, to: number, facts: SegmentItem['facts']): SegmentItem {
    const item = new SegmentItem(kind, from - this.start, to - this.start, this.order, this.errorDepth >= 0, this.nesting.length > 0, facts);
    this.items.push(item);
    return item;
  }

  markBroken(): void {
    this.containsError = true;
    for (const o of this.open) o.entry.broken = true;
  }

  /** Leaving the node at `depth`. */
  leave(depth: number): void {
    const { open, nesting } = this;
    while (open.length > 0 && open[open.length - 1]!.depth >= depth) open.pop();
    while (nesting.length > 0 && nesting[nesting.length - 1]! >= depth) nesting.pop();
    if (this.errorDepth === depth) this.errorDepth = -1;
  }

  /** A finished child segment starting at `from`. */
  child(segment: Segment, from: number, to: number): void {
    this.item('child', from, to, segment);
    this.order += segment.count;
    if (segment.containsError) this.markBroken();
  }
}

/**
 * The segment of the whole `tree` (parsed from `text`): subtrees met before come from the memo, the
 * others are built in the same walk, each recorded on its own. `found` receives the node of each
 * new entry, so the index need not look it up again.
 */
export function segmentOf(tree: Tree, text: string, found: Map<SegmentItem, SyntaxNode>): Segment {
  const known = segments.get(tree);
  if (known) return known;
  const cursor = tree.cursor(IterMode.IncludeAnonymous);
  const builders = [new Builder(tree, 0, 0)];
  let b = builders[0]!;
  let depth = 0;
  for (;;) {
    let enter = true;
    const sub = depth > 0 ? cursor.tree : null;
    const reused = sub ? segments.get(sub) : undefined;
    if (reused) {
      b.child(reused, cursor.from, cursor.to);
      enter = false;
    } else {
      if (sub) builders.push((b = new Builder(sub, cursor.from, depth)));
      const type = cursor.type;
      if (!type.isAnonymous) b.order++;
      if (type.isError) {
        if (b.errorDepth < 0) b.errorDepth = depth;
        b.markBroken();
      }
      switch (type.name) {
        case 'CallExpression': {
          const node = cursor.node;
          found.set(b.item('call', cursor.from, cursor.to, callFacts(node, text)), node);
          break;
        }
        case 'Decorator': {
          const node = cursor.node;
          const item = b.item('decorator', cursor.from, cursor.to, decoratorFacts(node, text));
          found.set(item, node);
          b.open.push({ depth, entry: item });
          break;
        }
        case 'DecoratedStatement': {
          const node = cursor.node;
          found.set(b.item('decorated', cursor.from, cursor.to, statementFacts(node, text)), node);
          break;
        }
        case 'FunctionDefinition':
          b.open.push({ depth, entry: b.item('function', cursor.from, cursor.to, undefined) });
          b.nesting.push(depth);
          break;
        case 'ClassDefinition':
        case 'LambdaExpression':
          b.nesting.push(depth);
          break;
      }
    }
    if (enter && cursor.firstChild()) {
      depth++;
      continue;
    }
    for (;;) {
      b.leave(depth);
      if (b.depth === depth) {
        // The walk leaves the subtree a builder began with: its segment is complete.
        const segment: Segment = { items: b.items, length: b.tree.length, count: b.order, containsError: b.containsError };
        segments.set(b.tree, segment);
        builders.pop();
        if (builders.length === 0) return segment;
        const start = b.start;
        b = builders[builders.length - 1]!;
        b.child(segment, start, start + segment.length);
      }
      if (cursor.nextSibling()) break;
      cursor.parent();
      depth--;
    }
  }
}
