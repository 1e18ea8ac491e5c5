import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, fixed, fixedClean, flagged } from './fix-check';

const MESSAGE = 'The cache version is empty: `ValueError: Caching is enabled ``cache=True`` but ``cache_version`` is not set.`';

test('flags cache_version="" with cache=True on the argument, quoting the SDK', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_version="")\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC102');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'cache_version=""');
  assert.equal(f!.message, MESSAGE);
  assert.equal(f!.severity, 'error');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Set the version to `"1"`', safe: true });
  assert.equal(fixedClean(src, 'FC102'), src.replace('cache_version=""', 'cache_version="1"'));
});

test('flags Cache(version="") by keyword or position; the fix keeps the quotes', () => {
  const src = "from flytekit import Cache, task\n@task(cache=Cache(version=''))\ndef a(): pass\n@task(cache=Cache('', serialize=True))\ndef b(): pass\n";
  assert.deepEqual(flagged(src, 'FC102'), ["version=''", "''"]);
  const once = fixed(src, 'FC102');
  assert.equal(once, src.replace("version=''", "version='1'"));
  assert.equal(fixedClean(once, 'FC102'), once.replace("Cache('',", "Cache('1',"));
});

test('a module constant holding "" is flagged without a fix', () => {
  const src = 'from flytekit import task\nV = ""\n@task(cache=True, cache_version=V)\ndef f(): pass\n';
  const [f] = findings(src, 'FC102');
  assert.equal(src.slice(f!.start, f!.end), 'cache_version=V');
  assert.equal(f!.fix, undefined);
});

test('silent when caching is off or unknown, and for Flyte 2', () => {
  const silent = [
    'from flytekit import task\n@task(cache_version="")\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=False, cache_version="")\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=on, cache_version="")\ndef f(): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="", **kw)\ndef f(): pass\n',
    'import flyte\nenv = flyte.TaskEnvironment("e")\n@env.task(cache=flyte.Cache("override", version_override=""))\ndef f(): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC102'), [], src);
});
