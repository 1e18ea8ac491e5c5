import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, fixedClean, flagged } from './fix-check';

test('cache_version without cache: warned on the argument; the unsafe fix adds cache=True before it', () => {
  const src = 'from flytekit import task\n@task(retries=2, cache_version="1.0")\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC201');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'cache_version="1.0"');
  assert.equal(f!.message, '`cache_version` is set but caching is not turned on (`cache=True`): nothing is cached');
  assert.equal(f!.severity, 'warning');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Turn caching on: `cache=True`', safe: false });
  assert.equal(fixedClean(src, 'FC201'), 'from flytekit import task\n@task(retries=2, cache=True, cache_version="1.0")\ndef f(): pass\n');
});

test('cache=False: the fix flips it to True', () => {
  const src = 'from flytekit import task\n@task(cache=False, cache_version="1")\ndef f(): pass\n';
  const [f] = findings(src, 'FC201');
  assert.equal(f!.message, '`cache_version` is set but caching is off (`cache=False`): nothing is cached');
  assert.equal(fixedClean(src, 'FC201'), 'from flytekit import task\n@task(cache=True, cache_version="1")\ndef f(): pass\n');
});

test('cache=False inherited from an environment: the task gets its own cache=True', () => {
  const src = 'from flytekit import Environment\nenv = Environment(cache=False)\n@env.task(cache_version="1")\ndef f(): pass\n';
  assert.equal(fixedClean(src, 'FC201'), src.replace('@env.task(cache_version', '@env.task(cache=True, cache_version'));
});

test('a module constant counts; None, unknown values, numbers and unknown cache do not', () => {
  assert.deepEqual(flagged('from flytekit import task\nV = "2"\n@task(cache_version=V)\ndef f(): pass\n', 'FC201'), ['cache_version=V']);
  const silent = [
    'from flytekit import task\n@task(cache_version=None)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache_version=get())\ndef f(): pass\n',
    'from flytekit import task\n@task(cache_version=1)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=c, cache_version="1")\ndef f(): pass\n',
    'from flytekit import task\n@task(cache_version="1", **kw)\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1")\ndef f(): pass\n',
    'from flytekit import Environment\nenv = Environment(cache_version="1")\n@env.task\ndef f(): pass\n',
    'from flytekit import Environment\nenv = Environment(cache=True)\n@env.task(cache_version="1")\ndef f(): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC201'), [], src);
});
