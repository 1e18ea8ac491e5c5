import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitCacheKey } from '../../../server/src/importers';

const H = '0123456789abcdef0123456789abcdef';
const AUTO = 'a'.repeat(32) + 'b'.repeat(32);

const table: [string, string, string, ReadonlySet<string>?][] = [
  [`workflows.example.train-1.0-${H}`, 'workflows.example.train', '1.0'],
  [`my-pipeline.report-v1-2024-05-${H}`, 'my-pipeline.report', 'v1-2024-05'],
  [`compute_embeddings-3-${H}`, 'compute_embeddings', '3'],
  [`compute_embeddings-1.0-rc-1-${H}`, 'compute_embeddings', '1.0-rc-1'],
  [`workflows.example.train-${AUTO}-${H}`, 'workflows.example.train', AUTO],
  [`__main__.square-v2-${H}`, '__main__.square', 'v2'],
  [`pkg.mod.task-1-2-3-${H}`, 'pkg.mod.task', '1-2-3'],
  // A version that looks like `.identifier` fools the heuristic; a known task name fixes it.
  [`compute-v1.beta-2-${H}`, 'compute-v1.beta', '2'],
  [`compute-v1.beta-2-${H}`, 'compute', 'v1.beta-2', new Set(['compute'])],
  [`wf.train-x-1-${H}`, 'wf.train-x', '1', new Set(['wf.train', 'wf.train-x'])],
  [`wf.train-1-${H}`, 'wf.train', '1', new Set(['other.task'])],
];

for (const [key, task, version, known] of table) {
  test(`splits ${key}${known ? ` knowing ${[...known].join(', ')}` : ''}`, () => {
    assert.deepEqual(splitCacheKey(key, known), { task, version, hash: H });
  });
}

test('keys without a trailing 32-hex hash are not flytekit keys', () => {
  assert.equal(splitCacheKey('wf.train-1.0'), undefined);
  assert.equal(splitCacheKey(`wf.train-1.0-${H.toUpperCase()}`), undefined);
  assert.equal(splitCacheKey(`wf.train-1.0-${H}0`), undefined);
  assert.equal(splitCacheKey('pOPy3e9bX3c3B5Jw7l5GpRwl2mGB7KwTg0vS1XyNz6Q='), undefined);
});

test('a key with no version part keeps the whole rest as the task', () => {
  assert.deepEqual(splitCacheKey(`lonely-${H}`), { task: 'lonely', version: '', hash: H });
});
