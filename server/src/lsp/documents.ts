// Open documents: LSP text for positions, PythonDocument for the incremental parse.
// Content changes arrive in order, each relative to the text left by the previous one.
import {
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
  Position,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import { type EditSpan, PythonDocument } from '../analysis';
import { LineIndex } from '../engine/line-index';

/** How a document came from the one before it: a single replaced range. */
export interface DocumentEdit extends EditSpan {
  readonly previous: OpenDocument;
}

export class OpenDocument {
  private index: LineIndex | undefined;
  private from: DocumentEdit | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly python: PythonDocument,
    lines?: LineIndex,
    edit?: DocumentEdit,
  ) {
    this.index = lines;
    this.from = edit;
    // One link only: a chain back through every version would keep them all alive.
    edit?.previous.forgetPrevious();
  }

  /** The single edit that made this document from the previous one, while that one is the latest before it. */
  get edit(): DocumentEdit | undefined {
    return this.from;
  }

  private forgetPrevious(): void {
    this.from = undefined;
  }

  get text(): string {
    return this.python.text;
  }

  get lines(): LineIndex {
    return (this.index ??= new LineIndex(this.python.text));
  }

  positionAt(offset: number): Position {
    return this.lines.position(offset);
  }

  offsetAt(position: Position): number {
    return this.lines.offset(position);
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }
}

export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();
  /** `maxLength`: texts longer than this are kept but not parsed (`flyteCache.maxFileSize`); see `setMaxLength`. */
  constructor(private maxLength = Infinity) {}

  get maxFileLength(): number {
    return this.maxLength;
  }

  /** A new limit: open documents on the other side of it are parsed, or dropped to text only, now. */
  setMaxLength(maxLength: number): void {
    this.maxLength = maxLength;
    for (const [uri, doc] of this.docs) {
      if (doc.python.parsed !== doc.text.length <= maxLength) this.docs.set(uri, new OpenDocument(uri, doc.version, PythonDocument.create(doc.text, maxLength, true)));
    }
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): OpenDocument[] {
    return [...this.docs.values()];
  }

  open(params: DidOpenTextDocumentParams): OpenDocument {
    const { uri, version, text } = params.textDocument;
    const doc = new OpenDocument(uri, version, PythonDocument.create(text, this.maxLength, true));
    this.docs.set(uri, doc);
    return doc;
  }

  change(params: DidChangeTextDocumentParams): OpenDocument | undefined {
    const { uri, version } = params.textDocument;
    let doc = this.docs.get(uri);
    if (!doc) return undefined;
    for (const change of params.contentChanges) doc = applyChange(doc, version, change, this.maxLength);
    if (params.contentChanges.length === 0) doc = new OpenDocument(uri, version, doc.python);
    this.docs.set(uri, doc);
    return doc;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }
}

function applyChange(doc: OpenDocument, version: number, change: TextDocumentContentChangeEvent, maxLength: number): OpenDocument {
  if (!('range' in change)) return new OpenDocument(doc.uri, version, PythonDocument.create(change.text, maxLength, true));
  const start = doc.offsetAt(change.range.start);
  const end = Math.max(start, doc.offsetAt(change.range.end));
  const python = doc.python.update([{ start, end, newText: change.text }], maxLength);
  // The line index is carried over (a full scan of a large file costs more than the re-parse).
  const lines = LineIndex.afterChange(doc.lines, python.text, start, end, change.text.length);
  return new OpenDocument(doc.uri, version, python, lines, { previous: doc, start, end, insertedLength: change.text.length });
}
