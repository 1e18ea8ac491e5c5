import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LineIndex } from '../../../server/src/engine/line-index';
import { prng } from '../lsp/edit-corpus';

const lineStarts = (index: LineIndex, text: string): number[] => {
  const out: number[] = [];
  for (let line = 0; line < index.lineCount; line++) out.push(index.offset({ line, character: 0 }));
  return [...out, index.lineCount, index.offset({ line: index.lineCount, character: 0 }), text.length];
};

test('a line index carried over an edit equals one built from the new text', () => {
  const rand = prng(77);
  const pieces = ['\n', '\r\n', '\r', 'a', 'bc', 'def\n', '\r\r\n\n', ''];
  const piece = (): string => pieces[Math.floor(rand() * pieces.length)]!;
  let text = 'x\r\ny\rz\n\n';
  let index = new LineIndex(text);
  for (let k = 0; k < 3000; k++) {
    if (k % 500 === 0) {
      text = Array.from({ length: 20 }, piece).join('');
      index = new LineIndex(text);
    }
    const start = Math.floor(rand() * (text.length + 1));
    const end = Math.min(text.length, start + Math.floor(rand() * 4));
    const inserted = Array.from({ length: Math.floor(rand() * 3) }, piece).join('');
    const next = text.slice(0, start) + inserted + text.slice(end);
    index = LineIndex.afterChange(index, next, start, end, inserted.length);
    assert.deepEqual(lineStarts(index, next), lineStarts(new LineIndex(next), next), JSON.stringify({ text, start, end, inserted }));
    text = next;
  }
});
