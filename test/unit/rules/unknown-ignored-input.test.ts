import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, fixed, fixedClean, flagged } from './fix-check';

test('a typo is warned on the string and renamed to the nearest parameter (unsafe)', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=("sed",)))\ndef sample(n: int, seed: int) -> int: ...\n';
  const [f, ...rest] = findings(src, 'FC203');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), '"sed"');
  assert.equal(f!.message, '`sed` is not a parameter of `sample`: ignoring it has no effect');
  assert.equal(f!.severity, 'warning');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Rename to `seed`', safe: false });
  assert.equal(fixedClean(src, 'FC203'), src.replace('"sed"', '"seed"'));
});

test('nothing close: the safe fix removes the entry, keeping tuples tuples', () => {
  const cases: [string, string][] = [
    ['("a", "zzz")', '("a",)'],
    ['("zzz", "a", "b")', '("a", "b")'],
    ['["zzz", "a"]', '["a"]'],
    ['("zzz",)', '()'],
  ];
  for (const [before, after] of cases) {
    const src = `from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars=${before})\ndef f(a: int, b: int): pass\n`;
    const [f] = findings(src, 'FC203');
    assert.equal(src.slice(f!.start, f!.end), '"zzz"');
    assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Remove `zzz`', safe: true });
    assert.equal(fixedClean(src, 'FC203'), src.replace(before, after));
  }
  const bare = 'from flytekit import Cache\nfrom flytekit import task\n@task(cache=Cache(version="1", ignored_inputs="timestamp"))\ndef f(n: int): pass\n';
  assert.equal(fixedClean(bare, 'FC203'), bare.replace('"timestamp"', '()'));
});

test('two unknown names: two findings, fixes apply one after the other', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=("xx", "yy", "n")))\ndef f(n: int): pass\n';
  assert.deepEqual(flagged(src, 'FC203'), ['"xx"', '"yy"']);
  const once = fixed(src, 'FC203');
  assert.equal(fixedClean(once, 'FC203'), src.replace('("xx", "yy", "n")', '("n",)'));
});

test('a rename never targets a parameter already listed', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=("seed", "sed")))\ndef f(seed: int): pass\n';
  const [f] = findings(src, 'FC203');
  assert.equal(f!.fix?.title, 'Remove `sed`');
});

test('Flyte 2 and positional Cache fields are checked', () => {
  const flyte2 = 'import flyte\nenv = flyte.TaskEnvironment("e")\n@env.task(cache=flyte.Cache("auto", ignored_inputs=("run_id",)))\nasync def f(n: int) -> int: ...\n';
  assert.deepEqual(flagged(flyte2, 'FC203'), ['"run_id"']);
  const positional = 'from flytekit import Cache, task\n@task(cache=Cache("1", False, ["seed", "other"]))\ndef f(seed: int): pass\n';
  assert.deepEqual(flagged(positional, 'FC203'), ['"other"']);
});

test('silent for **kwargs, non-literals, inherited settings, bare legacy strings and cache off', () => {
  const silent = [
    'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=("x",)))\ndef f(**kwargs): pass\n',
    'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=NAMES))\ndef f(a): pass\n',
    'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=(N,)))\ndef f(a): pass\n',
    'from flytekit import Cache, task\nC = Cache(version="1", ignored_inputs=("x",))\n@task(cache=C)\ndef f(a): pass\n',
    'from flytekit import Cache, Environment\nenv = Environment(cache=Cache(version="1", ignored_inputs=("x",)))\n@env.task\ndef f(a): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars="x")\ndef f(a): pass\n',
    'from flytekit import task\n@task(cache_ignore_input_vars=("x",))\ndef f(a): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars=("a", "b", "c"))\ndef f(a, b=x, *, c=1): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC203'), [], src);
});

test('a tuple holding comments: the rename is offered, removal is not', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=(\n    "n",  # keep\n    "zzz",\n)))\ndef f(n: int): pass\n';
  const [f] = findings(src, 'FC203');
  assert.equal(src.slice(f!.start, f!.end), '"zzz"');
  assert.equal(f!.fix, undefined);
});
