import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, fixedClean, flagged } from './fix-check';

test('flags a number cache_version on the argument; quoting keeps the source text', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_version=2)\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC109');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'cache_version=2');
  assert.equal(f!.message, 'Cache version `2` is a number: `cache_version` must be a string (protobuf rejects a number when the task is serialized)');
  assert.equal(f!.severity, 'error');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Quote the version: `"2"`', safe: true });
  assert.equal(fixedClean(src, 'FC109'), src.replace('=2)', '="2")'));
});

test('Cache(version=...) by keyword or position; environments; cache off still fails to serialize', () => {
  const src = [
    'import flytekit as fk',
    'from flytekit import Cache, Environment, task',
    'env = Environment(cache_version=3)',
    '@task(cache=Cache(version=1.0))',
    'def a(): pass',
    '@fk.task(cache=fk.Cache(7, serialize=True))',
    'def b(): pass',
    '@task(cache_version=4)',
    'def c(): pass',
    '',
  ].join('\n');
  assert.deepEqual(flagged(src, 'FC109'), ['cache_version=3', 'version=1.0', '7', 'cache_version=4']);
  const [, cacheFinding] = findings(src, 'FC109');
  assert.equal(cacheFinding!.message, 'Cache version `1.0` is a number: `version` must be a string (protobuf rejects a number when the task is serialized)');
});

test('the quote fix is safe only when Python prints the number the same way', () => {
  const safety: [string, boolean][] = [['1', true], ['10', true], ['1.0', true], ['1.5', true], ['0', true], ['1.50', false], ['1_0', false], ['0x1', false], ['1e3', false], ['01.0', false]];
  for (const [number, safe] of safety) {
    const src = `from flytekit import Cache\nC = Cache(version=${number})\n`;
    const [f] = findings(src, 'FC109');
    assert.equal(f?.fix?.safe, safe, number);
    assert.equal(fixedClean(src, 'FC109'), src.replace(`=${number})`, `="${number}")`));
  }
});

test('silent for strings, variables, calls, complex numbers, Flyte 2 and non-task functions', () => {
  const silent = [
    'from flytekit import task\n@task(cache=True, cache_version="1")\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version=V)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version=str(1))\ndef f(): pass\n',
    'from flytekit import Cache\nC = Cache(version=1j)\n',
    'import flyte\nC = flyte.Cache("override", 1)\n',
    'def f(cache_version=1): pass\nf(cache_version=2)\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC109'), [], src);
});
