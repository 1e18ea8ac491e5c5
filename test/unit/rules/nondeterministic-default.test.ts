import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, flagged } from './fix-check';

test('a clock call in a default is warned on the whole default expression', () => {
  const src = 'from datetime import datetime\nfrom flytekit import task\n@task(cache=True, cache_version="1")\ndef stamp(n: int, ts: str = datetime.now().isoformat()) -> str: ...\n';
  const [f, ...rest] = findings(src, 'FC303');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'datetime.now().isoformat()');
  assert.equal(f!.message, '`datetime.now()` in the default of `ts` runs once, at import: cached `stamp` keys on that one value, not a new one per run');
  assert.equal(f!.severity, 'warning');
  assert.equal(f!.fix, undefined);
});

test('calls resolve through the imports: module aliases, from-imports, every listed function', () => {
  const header = 'import datetime as dt\nimport random as rnd\nimport time, uuid\nfrom datetime import date\nfrom random import choice\nfrom flytekit import task\n@task(cache=True, cache_version="1")\n';
  const cases: [string, string][] = [
    ['dt.datetime.now()', '`dt.datetime.now()`'],
    ['dt.datetime.utcnow()', '`dt.datetime.utcnow()`'],
    ['dt.datetime.today()', '`dt.datetime.today()`'],
    ['dt.date.today()', '`dt.date.today()`'],
    ['date.today()', '`date.today()`'],
    ['time.time()', '`time.time()`'],
    ['rnd.randint(0, 9)', '`rnd.randint()`'],
    ['choice([1, 2])', '`choice()`'],
    ['uuid.uuid4().hex', '`uuid.uuid4()`'],
    ['str(uuid.uuid1())', '`uuid.uuid1()`'],
  ];
  for (const [value, call] of cases) {
    const src = `${header}def f(x=${value}) -> int: ...\n`;
    const found = findings(src, 'FC303');
    assert.deepEqual(found.map((f) => src.slice(f.start, f.end)), [value], src);
    assert.ok(found[0]!.message.startsWith(`${call} in the default of \`x\``), found[0]!.message);
  }
});

test('Flyte 2 tasks cached through their environment are checked', () => {
  const src = 'import flyte, random\nenv = flyte.TaskEnvironment("e", cache="auto")\n@env.task\nasync def f(p: float = random.random()) -> float: ...\n';
  assert.deepEqual(flagged(src, 'FC303'), ['random.random()']);
});

test('silent when the cache is not on, the input is ignored, or the name is not the stdlib one', () => {
  const silent = [
    'import random\nfrom flytekit import task\n@task\ndef f(p=random.random()) -> int: ...\n',
    'import random\nfrom flytekit import task\n@task(cache=SETTING, cache_version="1")\ndef f(p=random.random()) -> int: ...\n',
    'import random\nfrom flytekit import task\n@task(cache=True, cache_version="1", **extra)\ndef f(p=random.random()) -> int: ...\n',
    'import random\nfrom flytekit import Cache, task\n@task(cache=Cache(version="1", ignored_inputs=["p"]))\ndef f(p=random.random()) -> int: ...\n',
    'import random\nfrom flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars="p")\ndef f(p=random.random()) -> int: ...\n',
    'import datetime\nfrom flytekit import task\n@task(cache=True, cache_version="1")\ndef f(p=datetime.now()) -> int: ...\n',
    'import random\nfrom flytekit import task\nrandom = object()\n@task(cache=True, cache_version="1")\ndef f(p=random.random()) -> int: ...\n',
    'from flytekit import task\n@task(cache=True, cache_version="1")\ndef f(p=random.random()) -> int: ...\n',
    'import random\nfrom flytekit import task\n@task(cache=True, cache_version="1")\ndef f(p=lambda: random.random()) -> int: ...\n',
    'import random\nfrom flytekit import task\ndef outer(random):\n    @task(cache=True, cache_version="1")\n    def f(p=random.random()) -> int: ...\n',
    'import random\nfrom flytekit import task\nclass C:\n    random = Other()\n    @task(cache=True, cache_version="1")\n    def f(p=random.random()) -> int: ...\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC303'), [], src);
});
