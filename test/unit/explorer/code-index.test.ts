import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CodeIndex, moduleName } from '../../../server/src/lsp/code-index';

const root = path.resolve('/ws');
const file = (rel: string) => path.join(root, ...rel.split('/'));
const uri = (rel: string) => `file://${file(rel)}`;
const task = (name: string, version?: string, line = 3) => ({ name, version, line, character: 4 });

function index(): CodeIndex {
  return new CodeIndex((f) => (f.startsWith(root) ? root : undefined));
}

test('module names come from the path relative to the workspace folder', () => {
  assert.equal(moduleName(file('workflows/training.py'), root), 'workflows.training');
  assert.equal(moduleName(file('pkg/__init__.py'), root), 'pkg');
  assert.equal(moduleName(file('app.py'), root), 'app');
  assert.equal(moduleName('/elsewhere/x.py', root), undefined);
});

test('a cache task maps to module path + function name, then to a unique bare name', () => {
  const codes = index();
  codes.record(uri('workflows/training.py'), file('workflows/training.py'), [task('train_model', '2'), task('evaluate')]);
  codes.record(uri('other.py'), file('other.py'), [task('evaluate', '1')]);
  assert.equal(codes.find('workflows.training.train_model')?.version, '2');
  assert.equal(codes.find('train_model')?.qualified, 'workflows.training.train_model', 'a notebook names the bare function');
  assert.equal(codes.find('evaluate'), undefined, 'two code tasks are called evaluate: no guess');
  assert.equal(codes.find('other.evaluate')?.uri, uri('other.py'));
  assert.equal(codes.find('src.workflows.training.train_model')?.name, 'train_model', 'a suffix of the module path');
  assert.equal(codes.find('workflows.training.missing'), undefined);
});

test('recording a file again replaces its tasks; forgetting drops them', () => {
  const codes = index();
  codes.record(uri('a.py'), file('a.py'), [task('t', '1')]);
  codes.record(uri('a.py'), file('a.py'), [task('t', '2')]);
  assert.equal(codes.find('a.t')?.version, '2');
  codes.forget(uri('a.py'));
  assert.equal(codes.find('a.t'), undefined);
});
