import { type ChangedRange, type Tree, TreeFragment } from '@lezer/common';
import { parser } from '@lezer/python';
import { hasError } from './nodes';

/** One change to a document, in the coordinates of the text it applies to. */
export interface TextChange {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * An immutable Python source text with its lezer syntax tree. A text longer than the `maxLength`
 * it was made with is not parsed (`parsed` false): its tree is that of an empty module, so no rule
 * finds anything in it, while offsets still refer to the real text.
 */
export class PythonDocument {
  private constructor(
    readonly text: string,
    readonly tree: Tree,
    private readonly fragments: readonly TreeFragment[],
    readonly parsed: boolean,
    /**
     * The document is edited (the language server; every `update` result is): its tree index is
     * kept per subtree, so the next version's index walks only what changed.
     */
    readonly editable: boolean,
  ) {}

  static create(text: string, maxLength = Infinity, editable = false): PythonDocument {
    if (text.length > maxLength) return new PythonDocument(text, EMPTY, [], false, editable);
    const tree = parser.parse(text);
    return new PythonDocument(text, tree, TreeFragment.addTree(tree), true, editable);
  }

  /**
   * Applies `changes` one after the other (each in the coordinates of the text the previous one
   * produced, as LSP incremental changes are) and re-parses, reusing unchanged parts of the tree.
   */
  update(changes: readonly TextChange[], maxLength = Infinity): PythonDocument {
    if (changes.length === 0) return this;
    let text = this.text;
    let fragments = this.fragments;
    for (const change of changes) {
      const start = clamp(change.start, 0, text.length);
      const end = clamp(change.end, start, text.length);
      text = text.slice(0, start) + change.newText + text.slice(end);
      const range: ChangedRange = { fromA: start, toA: end, fromB: start, toB: start + change.newText.length };
      fragments = TreeFragment.applyChanges(fragments, [range]);
    }
    if (!this.parsed || text.length > maxLength) return PythonDocument.create(text, maxLength, true);
    const tree = parser.parse(text, fragments);
    return new PythonDocument(text, tree, TreeFragment.addTree(tree, fragments), true, true);
  }

  /** True when the parser had to recover from a syntax error somewhere in the file. */
  get hasSyntaxErrors(): boolean {
    return hasError(this.tree.topNode);
  }

  textOf(node: { from: number; to: number }): string {
    return this.text.slice(node.from, node.to);
  }
}

const EMPTY = parser.parse('');

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
