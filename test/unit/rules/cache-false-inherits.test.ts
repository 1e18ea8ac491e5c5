import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, findings, flagged } from '../engine/helpers';

function source(envCache: string, decorator: string): string {
  return `import flyte\nenv = flyte.TaskEnvironment(name="e"${envCache})\n@env.task(${decorator})\nasync def f() -> int:\n    return 1\n`;
}

test('flags cache=False under a caching environment and fixes it to "disable"', () => {
  const src = source(', cache="auto"', 'retries=2, cache=False');
  const [f, ...rest] = findings(src, 'FC206');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), 'cache=False');
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, '`cache=False` does not disable caching in Flyte 2: the task inherits the environment\'s `cache="auto"`');
  assert.equal(f.fix?.title, 'Replace with `"disable"`');
  assert.equal(f.fix?.safe, true);
  const fixed = applyFix(src, f);
  assert.equal(fixed, source(', cache="auto"', 'retries=2, cache="disable"'));
  assert.deepEqual(flagged(fixed, 'FC206'), []);
});

test('follows clone_with and Cache objects', () => {
  const src = 'import flyte\nbase = flyte.TaskEnvironment(name="b", cache=flyte.Cache("override", "3"))\nenv = base.clone_with("c")\n@env.task(cache=False)\nasync def f() -> int:\n    return 1\n';
  const [f] = findings(src, 'FC206');
  assert.ok(f);
  assert.match(f.message, /`cache=flyte\.Cache\("override", "3"\)`$/);
});

test('silent when the inherited setting does not cache or is unknown', () => {
  const silent = [
    source('', 'cache=False'),
    source(', cache="disable"', 'cache=False'),
    source(', cache="off"', 'cache=False'),
    source(', cache=MODE', 'cache=False'),
    source(', cache=True', 'cache=False'),
    source(', cache="auto"', 'cache="disable"'),
    source(', cache="auto"', 'cache=None'),
    'from flytekit import task\n@task(cache=False)\ndef f() -> int:\n    return 1\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC206'), [], src);
});
