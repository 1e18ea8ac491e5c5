// Entries of the tree index: position and plain facts, with the `SyntaxNode` in the index's tree
// either known from the walk that found it or looked up when first read.
import type { SyntaxNode, Tree } from '@lezer/common';
import { calleePath, dottedPath } from './dotted-names';
import { type CallFacts, calleeHead, calleeMember, type StatementFacts } from './node-facts';
import type { IndexedCall, IndexedDecorator, IndexedNode, IndexedStatement } from './tree-index';

export class LazyNode implements IndexedNode {
  constructor(
    private readonly tree: Tree,
    private readonly name: string,
    readonly from: number,
    readonly to: number,
    readonly inError: boolean,
    readonly order: number,
    private found: SyntaxNode | undefined,
  ) {}

  get node(): SyntaxNode {
    return (this.found ??= nodeAt(this.tree, this.name, this.from, this.to));
  }
}

export class LazyCall extends LazyNode implements IndexedCall {
  constructor(tree: Tree, name: string, from: number, to: number, inError: boolean, order: number, node: SyntaxNode | undefined, readonly facts: CallFacts) {
    super(tree, name, from, to, inError, order, node);
  }
}

export class LazyDecorator extends LazyNode implements IndexedDecorator {
  constructor(tree: Tree, name: string, from: number, to: number, inError: boolean, order: number, node: SyntaxNode | undefined, readonly path: readonly string[] | undefined, readonly hasArgs: boolean) {
    super(tree, name, from, to, inError, order, node);
  }
}

export class LazyStatement extends LazyNode implements IndexedStatement {
  constructor(tree: Tree, name: string, from: number, to: number, inError: boolean, order: number, node: SyntaxNode | undefined, readonly facts: StatementFacts, readonly moduleLevel: boolean) {
    super(tree, name, from, to, inError, order, node);
  }
}

/** The node named `name` spanning exactly `from`..`to` (non-empty). */
export function nodeAt(tree: Tree, name: string, from: number, to: number): SyntaxNode {
  for (let node: SyntaxNode | null = tree.resolve(from, 1); node; node = node.parent) {
    if (node.from === from && node.to === to && node.name === name) return node;
  }
  throw new Error(`no ${name} at ${from}-${to}`);
}

const UNREAD = Symbol('unread');

/** A call met by a walk of the whole tree: its facts are read from the node when first asked, one at a time. */
export class WalkedCall extends LazyNode implements IndexedCall, CallFacts {
  private pathRead: readonly string[] | undefined | typeof UNREAD = UNREAD;
  private dottedRead: readonly string[] | undefined | typeof UNREAD = UNREAD;
  private headRead: string | undefined | typeof UNREAD = UNREAD;
  private memberRead: string | undefined | typeof UNREAD = UNREAD;

  constructor(
    tree: Tree,
    from: number,
    to: number,
    inError: boolean,
    order: number,
    private readonly walked: SyntaxNode,
    private readonly text: string,
  ) {
    super(tree, 'CallExpression', from, to, inError, order, walked);
  }

  get facts(): CallFacts {
    return this;
  }

  get path(): readonly string[] | undefined {
    if (this.pathRead === UNREAD) this.pathRead = calleePath(this.walked, this.text);
    return this.pathRead;
  }

  get dotted(): readonly string[] | undefined {
    if (this.dottedRead === UNREAD) {
      const callee = this.walked.firstChild;
      this.dottedRead = callee ? dottedPath(callee, this.text) : undefined;
    }
    return this.dottedRead;
  }

  get head(): string | undefined {
    if (this.headRead === UNREAD) this.headRead = calleeHead(this.walked, this.text);
    return this.headRead;
  }

  get member(): string | undefined {
    if (this.memberRead === UNREAD) this.memberRead = calleeMember(this.walked, this.text);
    return this.memberRead;
  }
}
