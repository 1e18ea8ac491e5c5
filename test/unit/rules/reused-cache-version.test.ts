import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, type AnalysisSettings, PythonDocument } from '../../../server/src/analysis';
import { compareVersions } from '../../../server/src/engine/version-order';
import { fixAll } from '../../../server/src/fix-all';
import { applyFix } from '../engine/helpers';

const SETTINGS = { defaultCachePolicy: 'none' } as AnalysisSettings;
const task = (version: string, body = 'return 1') => `from flytekit import task\n\n@task(cache=True, cache_version="${version}")\ndef train() -> int:\n    ${body}\n`;

function reused(current: string, baseline: string) {
  return analyzeDocument(PythonDocument.create(current), SETTINGS, { select: ['FC402'], baseline: PythonDocument.create(baseline) }).findings;
}

test('a lower version is flagged on the literal; the unsafe fix goes one above the baseline', () => {
  const src = task('1.2');
  const [f, ...rest] = reused(src, task('1.3'));
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), '"1.2"');
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, 'Cache version "1.2" of `train` is lower than "1.3" at HEAD: results cached under "1.2" by older code can be served');
  assert.deepEqual({ title: f.fix?.title, safe: f.fix?.safe }, { title: 'Bump cache version to "1.4"', safe: false });
  const fixed = applyFix(src, f);
  assert.equal(fixed, task('1.4'));
  assert.deepEqual(reused(fixed, task('1.3')), []);
  // Unsafe: fix-all leaves it alone.
  assert.equal(fixAll(src, SETTINGS, { baseline: PythonDocument.create(task('1.3')) }).text, src);
});

test('higher, equal and differently shaped versions are not flagged', () => {
  for (const [now, before] of [['1.10', '1.9'], ['2', '2'], ['1.0', '1.0.1'], ['release-1', 'v2'], ['01', '1']]) {
    assert.deepEqual(reused(task(now!), task(before!)), [], `${before} -> ${now}`);
  }
});

test('versions are ordered by their digit runs only when the shapes match', () => {
  assert.equal(compareVersions('1.9', '1.10'), -1);
  assert.equal(compareVersions('v10', 'v9'), 1);
  assert.equal(compareVersions('2024-05-31', '2024-06-01'), -1);
  assert.equal(compareVersions('model-v2-final', 'model-v3-final'), -1);
  assert.equal(compareVersions('007', '7'), 0);
  assert.equal(compareVersions('1.0', '1.0.1'), undefined);
  assert.equal(compareVersions('v2', 'w1'), undefined);
  assert.equal(compareVersions('abc', 'abd'), undefined);
  assert.equal(compareVersions('99999999999999999999', '100000000000000000000'), -1);
});
