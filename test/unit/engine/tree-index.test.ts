import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntaxNode } from '@lezer/common';
import { PythonDocument } from '../../../server/src/analysis';
import { hasError, walk } from '../../../server/src/engine/syntax/nodes';
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

test('decorators and function definitions holding an error node are those hasError reports, over the fixtures and odd input', async () => {
  const { readdirSync, readFileSync, statSync } = await import('node:fs');
  const { join } = await import('node:path');
  const texts = [...SOURCES, '@task(cache=(\ndef f(): pass\n', '@a(b(c(\n@task(x=1)\ndef g(): pass\n', '@\ndef h(): pass\n', '@task(retries=3 cache=True)\ndef i(): pass\n', 'def j(x:\n    def k(): return (\n', 'def l():\n    return 1 +\n', 'class C:\n    def m(self, = 1): pass\n    def n(self): return [\n'];
  const walkDir = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walkDir(path);
      else if (name.endsWith('.py')) texts.push(readFileSync(path, 'utf8'));
    }
  };
  walkDir('test/fixtures');
  let broken = 0;
  let brokenFunctions = 0;
  for (const text of texts) {
    const doc = PythonDocument.create(text);
    const index = treeIndex(doc.tree);
    const expected = index.decorators.filter((d) => hasError(d.node)).map((d) => d.node.from);
    assert.deepEqual([...index.brokenDecorators].sort((a, b) => a - b), expected, text.slice(0, 200));
    broken += expected.length;
    const functions: number[] = [];
    walk(doc.tree.topNode, (node) => {
      if (node.name === 'FunctionDefinition' && hasError(node)) functions.push(node.from);
    });
    assert.deepEqual([...index.brokenFunctions].sort((a, b) => a - b), [...new Set(functions)].sort((a, b) => a - b), text.slice(0, 200));
    brokenFunctions += functions.length;
  }
  assert.ok(broken >= 4, `${broken} broken decorators seen`);
  assert.ok(brokenFunctions >= 4, `${brokenFunctions} broken function definitions seen`);
});
