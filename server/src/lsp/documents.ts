// Open documents: LSP text for positions, PythonDocument for the incremental parse.
// Content changes arrive in order, each relative to the text left by the previous one.
import {
  DidChangeTextDocumentParams,
  DidOpenTextDocumentParams,
  Position,
  Range,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver';
import { PythonDocument } from '../analysis';
import { LineIndex } from '../engine/line-index';

export class OpenDocument {
  private index: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly version: number,
    readonly python: PythonDocument,
  ) {}

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
      if (doc.python.parsed !== doc.text.length <= maxLength) this.docs.set(uri, new OpenDocument(uri, doc.version, PythonDocument.create(doc.text, maxLength)));
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
    const doc = new OpenDocument(uri, version, PythonDocument.create(text, this.maxLength));
    this.docs.set(uri, doc);
    return doc;
  }

  change(params: DidChangeTextDocumentParams): OpenDocument | undefined {
    const { uri, version } = params.textDocument;
    let doc = this.docs.get(uri);
    if (!doc) return undefined;
    let python = doc.python;
    for (const change of params.contentChanges) {
      python = applyChange(doc, python, change, this.maxLength);
      doc = new OpenDocument(uri, version, python);
    }
    doc = new OpenDocument(uri, version, python);
    this.docs.set(uri, doc);
    return doc;
  }

  close(uri: string): void {
    this.docs.delete(uri);
  }
}

function applyChange(doc: OpenDocument, python: PythonDocument, change: TextDocumentContentChangeEvent, maxLength: number): PythonDocument {
  if (!('range' in change)) return PythonDocument.create(change.text, maxLength);
  const start = doc.offsetAt(change.range.start);
  const end = doc.offsetAt(change.range.end);
  return python.update([{ start, end, newText: change.text }], maxLength);
}
