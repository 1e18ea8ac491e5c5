import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, flagged } from './fix-check';

test('`-> None` on a cached task is a hint on the annotation', () => {
  const src = 'from flytekit import task\n@task(cache=True, cache_version="1")\ndef publish(report: str) -> None:\n    print(report)\n';
  const [f, ...rest] = findings(src, 'FC301');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'None');
  assert.equal(f!.start, src.indexOf('None:'));
  assert.equal(f!.message, 'Cached `publish` has no outputs: there is nothing for the cache to store');
  assert.equal(f!.severity, 'info');
  assert.equal(f!.fix, undefined);
});

test('no annotation and no value returned: the hint is on the function name', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(version="1"))\ndef write(path: str):\n    def inner():\n        return 1\n    g = lambda: 2\n    class K:\n        def m(self):\n            yield 3\n    open(path, "w").write("x")\n    return\n';
  const [f] = findings(src, 'FC301');
  assert.equal(src.slice(f!.start, f!.end), 'write');
  assert.equal(f!.start, src.indexOf('write('));
});

test('Flyte 2 tasks cached through their environment are checked', () => {
  const src = 'import flyte\nenv = flyte.TaskEnvironment("e", cache="auto")\n@env.task\nasync def f(n: int) -> None:\n    print(n)\n';
  assert.deepEqual(flagged(src, 'FC301'), ['None']);
});

test('silent for outputs, yields, stubs, string annotations and tasks not known to cache', () => {
  const header = 'from flytekit import task\n@task(cache=True, cache_version="1")\n';
  const silent = [
    `${header}def f(n: int) -> int:\n    return n\n`,
    `${header}def f(n: int):\n    if n:\n        return n\n`,
    `${header}def f(n: int):\n    x = yield n\n`,
    `${header}def f(n: int):\n    return None\n`,
    `${header}def f(n: int): ...\n`,
    `${header}def f(n: int):\n    """Later."""\n    pass\n`,
    `${header}def f(n: int):\n    raise NotImplementedError\n`,
    `${header}def f(n: int) -> "None":\n    print(n)\n`,
    'from flytekit import task\n@task\ndef f(n: int) -> None:\n    print(n)\n',
    'from flytekit import task\n@task(cache=flag, cache_version="1")\ndef f(n: int) -> None:\n    print(n)\n',
    'from prefect import task\n@task(persist_result=True)\ndef f(n: int) -> None:\n    print(n)\n',
    'import flyte\nenv = flyte.TaskEnvironment("e")\n@env.task(cache="disable")\nasync def f(n: int) -> None:\n    print(n)\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC301'), [], src);
});
