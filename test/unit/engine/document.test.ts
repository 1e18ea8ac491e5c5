import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Tree } from '@lezer/common';
import { PythonDocument } from '../../../server/src/analysis';

function shape(tree: Tree): string {
  const out: string[] = [];
  tree.iterate({ enter: (n) => void out.push(`${n.name}@${n.from}-${n.to}`) });
  return out.join(' ');
}

const SOURCE = `from flytekit import task

@task(cache=True, cache_version="1")
def a(x: int) -> int:
    return x + 1

@task
def b() -> None:
    pass
`;

test('create parses and keeps the text', () => {
  const doc = PythonDocument.create(SOURCE);
  assert.equal(doc.text, SOURCE);
  assert.equal(doc.tree.length, SOURCE.length);
  assert.equal(doc.hasSyntaxErrors, false);
  assert.equal(PythonDocument.create('def (:\n').hasSyntaxErrors, true);
});

test('an incremental update equals a full parse of the new text', () => {
  const doc = PythonDocument.create(SOURCE);
  const at = SOURCE.indexOf('"1"') + 1;
  const edited = doc.update([{ start: at, end: at + 1, newText: '2' }]);
  assert.equal(edited.text, SOURCE.replace('"1"', '"2"'));
  assert.equal(shape(edited.tree), shape(PythonDocument.create(edited.text).tree));
  assert.equal(doc.text, SOURCE, 'the old document is unchanged');
});

test('several sequential changes, including ones that break and repair the syntax', () => {
  let doc = PythonDocument.create(SOURCE);
  const steps = [
    { start: SOURCE.length, end: SOURCE.length, newText: '\n@task(cache=True, cache_' },
    { start: 0, end: 0, newText: 'import flytekit as fk\n' },
  ];
  doc = doc.update(steps);
  assert.ok(doc.hasSyntaxErrors);
  assert.equal(shape(doc.tree), shape(PythonDocument.create(doc.text).tree));
  const end = doc.text.length;
  doc = doc.update([{ start: end, end, newText: 'version="1")\ndef c(): pass\n' }]);
  assert.equal(doc.hasSyntaxErrors, false);
  assert.equal(shape(doc.tree), shape(PythonDocument.create(doc.text).tree));
});

test('update clamps out-of-range changes and an empty change list returns the same document', () => {
  const doc = PythonDocument.create('x = 1\n');
  assert.equal(doc.update([]), doc);
  assert.equal(doc.update([{ start: 100, end: 200, newText: 'y = 2\n' }]).text, 'x = 1\ny = 2\n');
});

test('random edits on a larger file: incremental trees match full parses', () => {
  const big = Array.from({ length: 200 }, (_, i) => `@task(cache=True, cache_version="${i}")\ndef t${i}(x: int) -> int:\n    return x * ${i}\n`).join('\n');
  let doc = PythonDocument.create(big);
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  const inserts = ['(', ')', '\n', 'x', ' = 1', '"', '@task(', 'def ', ':'];
  for (let i = 0; i < 30; i++) {
    const start = rand(doc.text.length);
    const end = Math.min(doc.text.length, start + rand(5));
    doc = doc.update([{ start, end, newText: inserts[rand(inserts.length)] ?? '' }]);
    assert.equal(shape(doc.tree), shape(PythonDocument.create(doc.text).tree), `step ${i}`);
  }
});

test('a text over maxLength is kept unparsed, and parsed once an edit brings it under', () => {
  const text = 'from flytekit import task\n\n@task(cache=True)\ndef f(): pass\n';
  const big = PythonDocument.create(text + '#'.repeat(100), text.length + 10);
  assert.equal(big.parsed, false);
  assert.equal(big.text, text + '#'.repeat(100), 'the text is kept for positions and edits');
  assert.equal(big.tree.topNode.firstChild, null, 'an empty module: rules find nothing');
  const small = big.update([{ start: text.length, end: text.length + 100, newText: '' }], text.length + 10);
  assert.equal(small.parsed, true);
  assert.equal(small.tree.toString(), PythonDocument.create(text).tree.toString());
  const grown = small.update([{ start: 0, end: 0, newText: '#'.repeat(50) + '\n' }], text.length + 10);
  assert.equal(grown.parsed, false);
  assert.equal(PythonDocument.create(text).parsed, true, 'no limit by default');
});
