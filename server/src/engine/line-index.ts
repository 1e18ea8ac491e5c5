// Offset <-> (line, character) conversion, 0-based, characters in UTF-16 code units
// (what LSP and JS strings use). Shared by the LSP layer and the CLI.

export interface Position {
  line: number;
  character: number;
}

export class LineIndex {
  private readonly starts: number[];

  /**
   * The index of `text`, which is `previous`'s text with [start, end) replaced by `inserted`: line
   * starts before the change are kept, those after it shifted, and only the inserted text is read.
   */
  static afterChange(previous: LineIndex, text: string, start: number, end: number, inserted: number): LineIndex {
    const old = previous.starts;
    const delta = inserted - (end - start);
    const starts: number[] = [];
    let i = 0;
    // A start s depends on text[s - 1] and text[s]: those below `start` read only unchanged text.
    for (; i < old.length && old[i]! < start; i++) starts.push(old[i]!);
    for (let s = Math.max(start, 1); s <= start + inserted && s <= text.length; s++) {
      const c = text.charCodeAt(s - 1);
      if (c === 10 || (c === 13 && text.charCodeAt(s) !== 10)) starts.push(s);
    }
    if (start === 0) starts.unshift(0);
    // From end + 1 on, both characters come from the old text after the change.
    for (; i < old.length; i++) if (old[i]! >= end + 1) starts.push(old[i]! + delta);
    return new LineIndex(text, starts);
  }

  constructor(
    private readonly text: string,
    known?: number[],
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) starts.push(i + 1);
      else if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - this.starts[lo]! };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line]!;
    const next = position.line + 1 < this.starts.length ? this.starts[position.line + 1]! : this.text.length;
    // Never step past the line's own end (its line break).
    let lineEnd = next;
    if (position.line + 1 < this.starts.length) {
      lineEnd = next - 1;
      if (this.text.charCodeAt(lineEnd - 1) === 13 && this.text.charCodeAt(lineEnd) === 10) lineEnd--;
    }
    return Math.min(start + Math.max(0, position.character), lineEnd);
  }
}
