import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixAll } from '../../../server/src/fix-all';
import { analyze, findings, fixedClean, flagged } from './fix-check';
import { assertValidPython } from './fix-check';

const MESSAGE =
  'Legacy cache keyword next to a `Cache` object: `ValueError: cache_serialize, cache_version, and cache_ignore_input_vars are deprecated. Please use Cache object`';

test('flags each legacy keyword next to a Cache; one fix folds them all', () => {
  const src = 'from flytekit import Cache, task\n@task(cache_version="2", cache=Cache(serialize=True), cache_ignore_input_vars=("a",))\ndef f(a: int): pass\n';
  const all = findings(src, 'FC105');
  assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), ['cache_version="2"', 'cache_ignore_input_vars=("a",)']);
  for (const f of all) {
    assert.equal(f.message, MESSAGE);
    assert.equal(f.severity, 'error');
    assert.deepEqual({ title: f.fix?.title, safe: f.fix?.safe }, { title: 'Move the legacy keywords into the `Cache`', safe: true });
  }
  const expected = 'from flytekit import Cache, task\n@task(cache=Cache(serialize=True, version="2", ignored_inputs=("a",)))\ndef f(a: int): pass\n';
  assert.equal(fixedClean(src, 'FC105', 0), expected);
  assert.equal(fixedClean(src, 'FC105', 1), expected);
});

test('an empty Cache() receives the field; module-style Cache works', () => {
  const src = 'import flytekit as fk\n@fk.task(cache=fk.Cache(), cache_serialize=False, retries=1)\ndef f(): pass\n';
  const [f] = findings(src, 'FC105');
  assert.equal(f!.fix?.title, 'Move `cache_serialize` into the `Cache`');
  assert.equal(fixedClean(src, 'FC105'), 'import flytekit as fk\n@fk.task(cache=fk.Cache(serialize=False), retries=1)\ndef f(): pass\n');
});

test('no fix when the Cache already has the field (by keyword or position) or takes **kwargs', () => {
  for (const cache of ['Cache(version="1")', 'Cache("1")', 'Cache(**opts)']) {
    const src = `from flytekit import Cache, task\n@task(cache=${cache}, cache_version="2")\ndef f(): pass\n`;
    const all = findings(src, 'FC105');
    assert.equal(all.length, 1, cache);
    assert.equal(all[0]!.fix, undefined, cache);
  }
});

test('keywords inherited from an environment are reported there, without a fix', () => {
  const src = 'from flytekit import Cache, Environment\nenv = Environment(cache_serialize=True)\n@env.task(cache=Cache(version="1"))\ndef f(): pass\n';
  const all = findings(src, 'FC105');
  assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), ['cache_serialize=True']);
  assert.equal(all[0]!.fix, undefined);
});

test('None and unknown values are silent, as is a cache that is not a Cache call', () => {
  const silent = [
    'from flytekit import Cache, task\n@task(cache=Cache(version="1"), cache_version=None)\ndef f(): pass\n',
    'from flytekit import Cache, task\n@task(cache=Cache(version="1"), cache_version=v)\ndef f(): pass\n',
    'from flytekit import Cache, task\n@task(cache=Cache(version="1"), cache_version=get())\ndef f(): pass\n',
    'from flytekit import Cache, task\n@task(cache=make(), cache_version="1")\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_serialize=True)\ndef f(): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC105'), [], src);
  const constant = 'from flytekit import Cache, task\nV = "3"\n@task(cache=Cache(salt="s"), cache_version=V)\ndef f(): pass\n';
  assert.deepEqual(flagged(constant, 'FC105'), ['cache_version=V']);
});

test('Cache() with a legacy version: FC105 only, and fix-all gives the Cache exactly one version', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(), cache_version="2")\ndef f(): pass\n';
  assert.deepEqual(analyze(src).findings.map((f) => f.code), ['FC105']);
  const out = fixAll(src, { defaultCachePolicy: 'none' }).text;
  assertValidPython(out);
  assert.equal(out, 'from flytekit import Cache, task\n@task(cache=Cache(version="2"))\ndef f(): pass\n');
  assert.deepEqual(analyze(out).findings, []);
});
