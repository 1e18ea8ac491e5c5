import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SyntaxNode } from '@lezer/common';
import { PythonDocument } from '../../../server/src/analysis';
import { hasError, walk } from '../../../server/src/engine/syntax/nodes';
import { calleePath, decoratorParts, dottedPath } from '../../../server/src/engine/syntax/dotted-names';
import { isModuleLevel } from '../../../server/src/engine/syntax/signature';
import { type TreeIndex, treeIndex } from '../../../server/src/engine/syntax/tree-index';
import { editCorpus, prng } from '../lsp/edit-corpus';

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
    const index = treeIndex(doc);
    const expected = walked(doc);
    assert.deepEqual(index.calls.map((c) => `${c.node.from}-${c.node.to}:${c.inError}`), expected.calls, source);
    assert.deepEqual(index.decorators.map((c) => `${c.node.from}-${c.node.to}:${c.inError}`), expected.decorators, source);
    assert.deepEqual(index.decorated.map((n) => `${n.from}-${n.to}`), expected.decorated, source);
    const orders = [...index.calls, ...index.decorators].map((c) => c.order);
    assert.equal(new Set(orders).size, orders.length, 'each node has its own walk position');
    assert.equal(treeIndex(doc), index, 'memoized per tree');
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
    const index = treeIndex(doc);
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

/** Everything the index says, as plain data, with each fact recomputed from the node as a check. */
function described(doc: PythonDocument, index: TreeIndex): unknown {
  const text = doc.text;
  const entries = [...index.calls, ...index.decorators].sort((a, b) => a.order - b.order).map((e) => `${e.node.name}@${e.from}`);
  return {
    entries,
    calls: index.calls.map((c) => {
      const node = c.node;
      assert.equal(node.name, 'CallExpression');
      let head = node.firstChild;
      while (head?.name === 'MemberExpression') head = head.firstChild;
      assert.deepEqual(c.facts.path, calleePath(node, text));
      assert.deepEqual(c.facts.dotted, node.firstChild ? dottedPath(node.firstChild, text) : undefined);
      assert.equal(c.facts.head, head?.name === 'VariableName' ? text.slice(head.from, head.to) : undefined);
      const { path, dotted, head: name, member } = c.facts;
      return [c.from, c.to, c.inError, { path, dotted, head: name, member }];
    }),
    decorators: index.decorators.map((d) => {
      const parts = decoratorParts(d.node, text);
      assert.deepEqual([d.path, d.hasArgs], [parts?.path, parts?.argList !== undefined]);
      return [d.from, d.to, d.inError, d.path, d.hasArgs];
    }),
    decorated: index.decorated.map((s) => {
      const def = s.facts.def;
      if (def) assert.equal(isModuleLevel(s.node.getChild('FunctionDefinition')!), s.moduleLevel);
      return [s.from, s.to, s.moduleLevel, s.facts];
    }),
    brokenDecorators: [...index.brokenDecorators].sort((a, b) => a - b),
    brokenFunctions: [...index.brokenFunctions].sort((a, b) => a - b),
  };
}

test('an edited document\'s index, kept per subtree, equals a full walk and a fresh index after every re-parse', () => {
  const rand = prng(4242);
  const corpus = editCorpus();
  const pastes = ['(', ')', '\n', '    ', '@task(cache=True)\n', 'f(x)', '# c\n', 'def g(:\n', 'lambda: h(1)', ':', '"', 'class K:\n    @task\n    def m(self): pass\n'];
  let edits = 0;
  for (let round = 0; edits < 400; round++) {
    // An editable document is indexed per subtree from the start; a plain one is walked first.
    let doc = PythonDocument.create(corpus[round % corpus.length]!, Infinity, round % 2 === 0);
    const plain = PythonDocument.create(doc.text);
    assert.deepStrictEqual(described(doc, treeIndex(doc)), described(plain, treeIndex(plain)));
    for (let k = 0; k < 20; k++, edits++) {
      const at = Math.floor(rand() * (doc.text.length + 1));
      const r = rand();
      const change = r < 0.4 ? { start: at, end: Math.min(doc.text.length, at + Math.floor(rand() * 8)), newText: '' } : { start: at, end: at, newText: r < 0.6 ? String(Math.floor(rand() * 100)) : pastes[Math.floor(rand() * pastes.length)]! };
      doc = doc.update([change]);
      const incremental = treeIndex(doc);
      const fresh = PythonDocument.create(doc.text);
      const expected = walked(fresh);
      assert.deepEqual(incremental.calls.map((c) => `${c.from}-${c.to}:${c.inError}`), expected.calls);
      assert.deepEqual(incremental.decorators.map((c) => `${c.from}-${c.to}:${c.inError}`), expected.decorators);
      assert.deepEqual(incremental.decorated.map((n) => `${n.from}-${n.to}`), expected.decorated);
      assert.deepStrictEqual(described(doc, incremental), described(fresh, treeIndex(fresh)), `round ${round}, edit ${k}`);
      const sequence: string[] = [];
      const broken: number[] = [];
      const brokenFunctions = new Set<number>();
      walk(fresh.tree.topNode, (node) => {
        if (node.name === 'CallExpression' || node.name === 'Decorator') sequence.push(`${node.name}@${node.from}`);
        if (node.name === 'Decorator' && hasError(node)) broken.push(node.from);
        if (node.name === 'FunctionDefinition' && hasError(node)) brokenFunctions.add(node.from);
      });
      assert.deepEqual([...incremental.calls, ...incremental.decorators].sort((a, b) => a.order - b.order).map((e) => `${e.node.name}@${e.from}`), sequence);
      assert.deepEqual([...incremental.brokenDecorators].sort((a, b) => a - b), broken);
      assert.deepEqual([...incremental.brokenFunctions].sort((a, b) => a - b), [...brokenFunctions].sort((a, b) => a - b));
    }
  }
});
