import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntaxNode } from '@lezer/common';
import { PythonDocument } from '../../../server/src/analysis';
import { walk } from '../../../server/src/engine/syntax/nodes';
import { treeIndex } from '../../../server/src/engine/syntax/tree-index';

const SOURCES = [
  'from flytekit import task, Cache\n\n@task(cache=Cache(version=f(1)))\ndef a(x=g()):\n    return h(x)\n',
  '@task(cache=True\ndef broken(:\n    x = f(  # unterminated\n@env.task\nasync def b(): return c()(d)\n',
  'class K:\n    @dynamic(cache=True)\n    def m(self):\n        if x:\n            @task\n            def inner(): pass\n',
];

/** What the index replaces: a walk recording each node of interest and whether an error node encloses it. */
function walked(doc: PythonDocument): { calls: string[]; decorators: string[]; decorated: string[] } {
  const calls: string[] = [];
  const decorators: string[] = [];
  const decorated: string[] = [];
  walk(doc.tree.topNode, (node) => {
    let inError = false;
    for (let n: SyntaxNode | null = node; n; n = n.parent) if (n.type.isError) inError = true;
    const key = `${node.from}-${node.to}:${inError}`;
    if (node.name === 'CallExpression') calls.push(key);
    if (node.name === 'Decorator') decorators.push(key);
    if (node.name === 'DecoratedStatement' && !inError) decorated.push(`${node.from}-${node.to}`);
  });
  return { calls, decorators, decorated };
}

test('the tree index lists calls, decorators and decorated statements as a full walk meets them', () => {
  for (const source of SOURCES) {
    const doc = PythonDocument.create(source);
    const index = treeIndex(doc.tree);
    const expected = walked(doc);
    assert.deepEqual(index.calls.map((c) => `${c.node.from}-${c.node.to}:${c.inError}`), expected.calls, source);
    assert.deepEqual(index.decorators.map((c) => `${c.node.from}-${c.node.to}:${c.inError}`), expected.decorators, source);
    assert.deepEqual(index.decorated.map((n) => `${n.from}-${n.to}`), expected.decorated, source);
    const orders = [...index.calls, ...index.decorators].map((c) => c.order);
    assert.equal(new Set(orders).size, orders.length, 'each node has its own walk position');
    assert.equal(treeIndex(doc.tree), index, 'memoized per tree');
  }
});
