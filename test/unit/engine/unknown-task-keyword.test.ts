import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonDocument } from '../../../server/src/analysis';
import { editDistance } from '../../../server/src/engine/syntax/nearest-name';
import { analyze, applyFix, findings, flagged } from './helpers';

const message = (name: string): string => `Unknown keyword \`${name}\` for \`task\`: \`ValueError: Unrecognized argument(s) for task: dict_keys(['${name}'])\``;

function fixOnce(src: string): string {
  const [f] = findings(src, 'FC106');
  assert.ok(f?.fix, 'expected a fix');
  const fixed = applyFix(src, f);
  assert.equal(PythonDocument.create(fixed).hasSyntaxErrors, false, fixed);
  assert.equal(findings(fixed, 'FC106').length, 0, fixed);
  return fixed;
}

test('flags cache_policy on the whole argument with the SDK message', () => {
  const src = 'from flytekit import task\n\n@task(cache=True, cache_policy=MyPolicy())\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC106');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), 'cache_policy=MyPolicy()');
  assert.equal(f.message, message('cache_policy'));
  assert.equal(f.severity, 'error');
  assert.equal(f.fix?.title, 'Replace `cache_policy` with `cache=Cache(policies=...)`');
  assert.equal(f.fix?.safe, true);
});

test('cache_policy fix: replaces cache=True, adds the import after the last top-level import', () => {
  const src = 'import os\nfrom flytekit import task\n\nX = 1\n\n@task(cache=True, cache_policy=MyPolicy())\ndef f(): pass\n';
  assert.equal(fixOnce(src), 'import os\nfrom flytekit import task\nfrom flytekit import Cache\n\nX = 1\n\n@task(cache=Cache(policies=MyPolicy()))\ndef f(): pass\n');
});

test('cache_policy fix: reuses an imported Cache and folds the legacy keywords in', () => {
  const src = 'from flytekit import Cache, task\n@task(cache_version="2", cache=True, retries=1, cache_policy=[A(), B()], cache_serialize=True)\ndef f(): pass\n';
  assert.equal(fixOnce(src), 'from flytekit import Cache, task\n@task(retries=1, cache=Cache(version="2", serialize=True, policies=[A(), B()]))\ndef f(): pass\n');
});

test('cache_policy fix: module-style imports use fk.Cache, and cache absent turns it on', () => {
  const src = 'import flytekit as fk\n@fk.task(cache_policy=P())\ndef f(): pass\n';
  assert.equal(fixOnce(src), 'import flytekit as fk\n@fk.task(cache=fk.Cache(policies=P()))\ndef f(): pass\n');
  const union = 'from union import task\n@task(cache_policy=P())\ndef f(): pass\n';
  assert.equal(fixOnce(union), 'from union import task\nfrom union import Cache\n@task(cache=Cache(policies=P()))\ndef f(): pass\n');
});

test('cache_policy: no fix when cache= is already a Cache or unknown', () => {
  for (const cache of ['Cache(version="1")', 'flag', 'False']) {
    const src = `from flytekit import Cache, task\n@task(cache=${cache}, cache_policy=P())\ndef f(): pass\n`;
    const all = findings(src, 'FC106');
    assert.equal(all.length, 1);
    assert.equal(all[0]!.fix, undefined, cache);
  }
});

test('typos are renamed to the unique nearest keyword (unsafe fix)', () => {
  const cases: [string, string][] = [
    ['retires=3', 'retries=3'],
    ['cache_verison="1"', 'cache_version="1"'],
    ['cach=True', 'cache=True'],
    ['timout=5', 'timeout=5'],
  ];
  for (const [before, after] of cases) {
    const src = `from flytekit import task\n@task(${before})\ndef f(): pass\n`;
    const [f] = findings(src, 'FC106');
    assert.equal(src.slice(f!.start, f!.end), before);
    assert.equal(f!.fix?.safe, false);
    assert.equal(fixOnce(src), src.replace(before, after));
  }
});

test('no rename when nothing is close, or when the target keyword is already there', () => {
  const src = 'from flytekit import task\n@task(ttl=60, retries=1, retires=2)\ndef f(): pass\n';
  const all = findings(src, 'FC106');
  assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), ['ttl=60', 'retires=2']);
  assert.ok(all.every((f) => f.fix === undefined));
});

test('env.task, Environment(...) and @dynamic are checked; other SDKs are not', () => {
  const src = 'from flytekit import Environment, dynamic\nenv = Environment(retires=1)\n@env.task(cache_policy=P())\ndef a(): pass\n@dynamic(retires=1)\ndef b(): pass\n';
  assert.deepEqual(flagged(src, 'FC106'), ['retires=1', 'cache_policy=P()', 'retires=1']);
  const others = [
    'from prefect import task\n@task(cache_policy=INPUTS, cache_expiration=3)\ndef f(): pass\n',
    'import flyte\nenv = flyte.TaskEnvironment("x")\n@env.task(cache="auto", report=True)\ndef f(): pass\n',
  ];
  for (const other of others) assert.deepEqual(flagged(other, 'FC106'), []);
});

test('all accepted keywords, legacy cache keywords and **kwargs stay silent', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_version="1", cache_serialize=True, cache_ignore_input_vars=("a",), retries=1, pickle_untyped=True, **extra)\ndef f(a: int): pass\n';
  assert.deepEqual(flagged(src, 'FC106'), []);
});

test('cache_policy= is FC106 only: the user meant a policy, so FC101 does not ask for a version', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_policy=P())\ndef a(): pass\n';
  assert.deepEqual(analyze(src).findings.map((f) => f.code), ['FC106']);
});

test('findings of both rules come sorted by position', () => {
  const src = 'from flytekit import task\n@task(cache=True, retires=1)\ndef a(): pass\n@task(cache_verison="1", cache=True)\ndef b(): pass\n';
  const all = analyze(src).findings;
  assert.deepEqual(all.map((f) => f.code), ['FC101', 'FC106', 'FC106', 'FC101']);
  const starts = all.map((f) => f.start);
  assert.deepEqual(starts, [...starts].sort((x, y) => x - y));
});

test('editDistance (optimal string alignment) counts adjacent swaps as one edit', () => {
  assert.equal(editDistance('retires', 'retries'), 1);
  assert.equal(editDistance('cache_verison', 'cache_version'), 1);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('ttl', 'timeout'), 6);
});
