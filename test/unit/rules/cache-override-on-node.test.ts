import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, findings, flagged } from '../engine/helpers';

const HEADER = 'from flytekit import Cache, task, workflow\n@task\ndef t(x: int) -> int:\n    return x\n@workflow\ndef wf(x: int) -> int:\n';
const HINT = 'Cache settings in `with_overrides(...)` change only the remote workflow node: local runs use the task\'s own cache settings';

function wf(override: string): string {
  return `${HEADER}    return t(x=x).with_overrides(${override})\n`;
}

test('a versioned override is an info hint on the cache argument, with no fix', () => {
  const src = wf('retries=2, cache=True, cache_version="1"');
  const [f, ...rest] = findings(src, 'FC205');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), 'cache=True');
  assert.equal(f.severity, 'info');
  assert.equal(f.message, HINT);
  assert.equal(f.fix, undefined);
  assert.deepEqual(flagged(wf('cache_serialize=True'), 'FC205'), ['cache_serialize=True']);
});

test('cache=True without a version is an error quoting the SDK; the fix adds cache_version', () => {
  const src = wf('cache=True');
  const [f] = findings(src, 'FC205');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.equal(f.message, '`with_overrides(cache=True)` without a cache version raises: `ValueError: If version is not defined then at least one cache policy needs to be set`');
  assert.equal(f.fix?.safe, true);
  const fixed = applyFix(src, f);
  assert.equal(fixed, wf('cache=True, cache_version="1"'));
  assert.equal(findings(fixed, 'FC205')[0]?.severity, 'info');
  const union = findings(src, 'FC205', { defaultCachePolicy: 'function-body' })[0];
  assert.equal(union?.message, '`with_overrides(cache=True)` without a cache version raises: `ValueError: must specify cache version when overriding`');
});

test('a Cache override without version is an error; the fix adds version="1"', () => {
  const src = wf('cache=Cache(policies=[MyPolicy()])');
  const [f] = findings(src, 'FC205');
  assert.ok(f);
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'A `Cache` override without a version raises: `ValueError: must specify cache version when overriding`');
  const fixed = applyFix(src, f);
  assert.equal(fixed, wf('cache=Cache(version="1", policies=[MyPolicy()])'));
  assert.equal(findings(fixed, 'FC205')[0]?.severity, 'info');
  assert.equal(findings(wf('cache=Cache(version="2")'), 'FC205')[0]?.severity, 'info');
  assert.equal(findings(wf('cache=Cache(version=None)'), 'FC205')[0]?.fix, undefined);
});

test('silent without cache keywords, with **kwargs, outside flytekit files and on non-call receivers', () => {
  const silent = [
    wf('retries=3'),
    wf('cache=True, **extra'),
    'import prefect\nr = run(x=1).with_overrides(cache=True)\n',
    'from flytekit import task\nnode.with_overrides(cache=True)\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC205'), [], src);
});
