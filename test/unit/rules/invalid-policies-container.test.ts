import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, findings, fixedClean, flagged } from './fix-check';

const ERROR = "`AttributeError: 'Cache' object has no attribute '_policies'`";

test('a tuple of policies is flagged on the argument; the safe fix makes it a list', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(serialize=True, policies=(A(), B())))\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC107');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'policies=(A(), B())');
  assert.equal(f!.message, `\`policies\` is a tuple, not a list: ${ERROR}`);
  assert.equal(f!.severity, 'error');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Make `policies` a list', safe: true });
  const out = fixedClean(src, 'FC107');
  assert.equal(out, src.replace('(A(), B())', '[A(), B()]'));
  assert.deepEqual(analyze(out).findings, []);
  assert.equal(fixedClean('from flytekit import Cache\nC = Cache(policies=(A(),))\n', 'FC107'), 'from flytekit import Cache\nC = Cache(policies=[A(),])\n');
});

test('plain values are flagged without a fix', () => {
  for (const value of ['"function_body"', '["function_body"]', '[A(), 1]', 'True', '()', '{"a": 1}', '(A(), "b")']) {
    const src = `from flytekit import Cache\nC = Cache(policies=${value})\n`;
    const all = findings(src, 'FC107');
    assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), [`policies=${value}`], value);
    assert.equal(all[0]!.fix, undefined, value);
  }
});

test('silent with a version, with an unknown version, for real policies and for Flyte 2', () => {
  const silent = [
    'from flytekit import Cache\nC = Cache(version="1", policies=(A(), B()))\n',
    'from flytekit import Cache\nC = Cache("1", None, (), "", (A(),))\n',
    'from flytekit import Cache\nC = Cache(version=V, policies=(A(),))\n',
    'from flytekit import Cache\nC = Cache(policies=[A(), B()])\n',
    'from flytekit import Cache\nC = Cache(policies=A())\n',
    'from flytekit import Cache\nC = Cache(policies=POLICIES)\n',
    'from flytekit import Cache\nC = Cache(policies=[]) \n',
    'from flytekit import Cache\nC = Cache(policies=(A(),), **kw)\n',
    'import flyte\nC = flyte.Cache("auto", policies=(A(),))\n',
    'from diskcache import Cache\nC = Cache(policies=(A(),))\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC107'), [], src);
});

test('version=None counts as no version; positional policies are found', () => {
  assert.deepEqual(flagged('from flytekit import Cache\nC = Cache(None, False, (), "", (A(),))\n', 'FC107'), ['(A(),)']);
  assert.deepEqual(flagged('from flytekit import Cache\nC = Cache(version=None, policies=(A(),))\n', 'FC107'), ['policies=(A(),)']);
});
