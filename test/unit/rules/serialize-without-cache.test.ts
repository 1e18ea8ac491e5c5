import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, findings, fixedClean, flagged } from './fix-check';

const MESSAGE = '`cache_serialize=True` without caching: `ValueError: Cache serialize is enabled ``cache_serialize=True`` but ``cache`` is not enabled.`';

test('flags cache_serialize=True without cache on the argument; the safe fix removes it', () => {
  const src = 'from flytekit import task\n@task(retries=1, cache_serialize=True)\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC103');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'cache_serialize=True');
  assert.equal(f!.message, MESSAGE);
  assert.equal(f!.severity, 'error');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Remove `cache_serialize`', safe: true });
  assert.equal(fixedClean(src, 'FC103'), 'from flytekit import task\n@task(retries=1)\ndef f(): pass\n');
});

test('cache=False counts as off; the only argument can be removed', () => {
  const src = 'from flytekit import task\n@task(cache_serialize=True, cache=False)\ndef f(): pass\n';
  assert.deepEqual(flagged(src, 'FC103'), ['cache_serialize=True']);
  assert.equal(fixedClean(src, 'FC103'), 'from flytekit import task\n@task(cache=False)\ndef f(): pass\n');
  const alone = 'from flytekit import dynamic\n@dynamic(cache_serialize=True)\ndef f(): pass\n';
  assert.equal(fixedClean(alone, 'FC103'), 'from flytekit import dynamic\n@dynamic()\ndef f(): pass\n');
});

test('an environment\'s cache_serialize is reported once, without a fix', () => {
  const src = 'from flytekit import Environment\nenv = Environment(cache_serialize=True)\n@env.task\ndef a(): pass\n@env.task(retries=1)\ndef b(): pass\n@env.task(cache=True, cache_version="1")\ndef c(): pass\n';
  const all = findings(src, 'FC103');
  assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), ['cache_serialize=True']);
  assert.equal(all[0]!.fix, undefined);
});

test('silent when caching is on or unknown, or the value is not a true literal', () => {
  const silent = [
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_serialize=True)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=flag, cache_serialize=True)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache_serialize=True, **kw)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache_serialize=False)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache_serialize=S)\ndef f(): pass\n',
    'from prefect import task\n@task(cache_serialize=True)\ndef f(): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC103'), [], src);
});

test('FC103 owns cache_serialize without cache: FC201 reports only the version', () => {
  const src = 'from flytekit import task\n@task(cache_version="1", cache_serialize=True)\ndef f(): pass\n';
  const all = analyze(src).findings.filter((f) => f.code === 'FC103' || f.code === 'FC201');
  assert.deepEqual(all.map((f) => [f.code, src.slice(f.start, f.end)]), [['FC201', 'cache_version="1"'], ['FC103', 'cache_serialize=True']]);
});
