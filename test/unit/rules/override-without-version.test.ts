import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, flagged } from '../engine/helpers';

const HEADER = 'import flyte\nfrom flyte import Cache\nenv = flyte.TaskEnvironment(name="e")\n';
const MESSAGE = 'Cache behavior `"override"` without `version_override` computes the version from the function body, like `"auto"`';

function task(decorator: string): string {
  return `${HEADER}@env.task(${decorator})\nasync def f() -> int:\n    return 1\n`;
}

test('flags the behavior argument of Cache("override") without a version, with no fix', () => {
  const src = task('cache=Cache(behavior="override", serialize=True)');
  const [f, ...rest] = findings(src, 'FC207');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), 'behavior="override"');
  assert.equal(f.message, MESSAGE);
  assert.equal(f.severity, 'warning');
  assert.equal(f.fix, undefined);
});

test('flags the string shorthand, positional behavior and version_override=None', () => {
  assert.deepEqual(flagged(task('cache="override"'), 'FC207'), ['cache="override"']);
  assert.deepEqual(flagged(task('cache=flyte.Cache("override")'), 'FC207'), ['"override"']);
  assert.deepEqual(flagged(task('cache=Cache("override", None)'), 'FC207'), ['"override"']);
  const envLevel = 'import flyte\nenv = flyte.TaskEnvironment("e", cache="override")\n';
  assert.deepEqual(flagged(envLevel, 'FC207'), ['cache="override"']);
});

test('silent with a version, other behaviors and unknowable calls', () => {
  const silent = [
    task('cache=Cache("override", "1")'),
    task('cache=Cache(behavior="override", version_override=VERSION)'),
    task('cache=Cache(version_override="1", behavior="override")'),
    task('cache=Cache("auto")'),
    task('cache=Cache("override", *rest)'),
    task('cache="auto"'),
    'from mylib import Cache\nc = Cache(behavior="override")\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC207'), [], src);
});
