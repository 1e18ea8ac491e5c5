import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, fixedClean, flagged } from './fix-check';

test('a bare string is warned on the string; the unsafe fix makes a one-element tuple', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars="data_seed")\ndef f(data: int, seed: int): pass\n';
  const [f, ...rest] = findings(src, 'FC204');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), '"data_seed"');
  assert.equal(
    f!.message,
    '`cache_ignore_input_vars` is a bare string: flytekit tests input names with `in`, a substring test, so any input whose name occurs in "data_seed" is ignored',
  );
  assert.equal(f!.severity, 'warning');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Make it a tuple: `("data_seed",)`', safe: false });
  assert.equal(fixedClean(src, 'FC204'), src.replace('="data_seed"', '=("data_seed",)'));
});

test('an environment with caching on is checked; the fix works there too', () => {
  const src = "from flytekit import Environment\nenv = Environment(cache=True, cache_version='2', cache_ignore_input_vars='ts')\n@env.task\ndef f(ts: str): pass\n";
  assert.deepEqual(flagged(src, 'FC204'), ["'ts'"]);
  assert.equal(fixedClean(src, 'FC204'), src.replace("='ts'", "=('ts',)"));
});

test('silent where flytekit wraps the string, raises anyway, or the value is not a string', () => {
  const silent = [
    'from flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs="seed"))\ndef f(seed): pass\n',
    'from flytekit import task\n@task(cache=True, cache_ignore_input_vars="seed")\ndef f(seed): pass\n',
    'from flytekit import task\n@task(cache_version="1", cache_ignore_input_vars="seed")\ndef f(seed): pass\n',
    'from flytekit import Cache, task\n@task(cache=Cache(version="1"), cache_ignore_input_vars="seed")\ndef f(seed): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars=("seed",))\ndef f(seed): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars="")\ndef f(seed): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version=V, cache_ignore_input_vars="seed")\ndef f(seed): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars="seed", **kw)\ndef f(seed): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC204'), [], src);
});
