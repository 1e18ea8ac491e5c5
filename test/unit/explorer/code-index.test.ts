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

test('CodeLens: one per cached task of the document, matched by name and line, with its counts', async () => {
  const { PythonDocument, analyzeDocument } = await import('../../../server/src/analysis');
  const { OpenDocument } = await import('../../../server/src/lsp/documents');
  const { codeLenses, indexTasks } = await import('../../../server/src/lsp/code-lens');
  const text = 'from flytekit import task\n\n@task(cache=True, cache_version="1")\ndef a(): pass\n\n@task(cache=True, cache_version="2")\ndef b(): pass\n\n@task\ndef c(): pass\n';
  const docUri = uri('wf.py');
  const doc = new OpenDocument(docUri, 1, PythonDocument.create(text));
  const { tasks } = analyzeDocument(doc.python, { defaultCachePolicy: 'none' });
  const codes = index();
  indexTasks(codes, doc, tasks);
  const [a, b, c] = codes.tasksOf(docUri);
  const row = (code: typeof a, entries: number, hitRate: number | null) =>
    ({ summary: { task: code!.qualified, entries }, stats: hitRate === null ? undefined : { hitRate }, lastEvent: 0, events: 0, code }) as never;
  // b's row twice (the first wins), c has no row, a row of another file with a's name and line.
  const rows = [row(b, 3, 0.5), row(b, 9, null), row(a, 1, null), { ...(row(a, 7, null) as object), code: { ...a!, uri: uri('other.py') } } as never];
  const lenses = codeLenses(doc, tasks, codes, rows);
  assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title, l.command?.arguments]), [
    [2, '1 entry · v1', ['wf.a']],
    [5, '3 entries · 50% hits · v2', ['wf.b']],
  ]);
  assert.equal(c?.name, 'c');
});
