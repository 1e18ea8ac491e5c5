import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, findings, flagged } from '../engine/helpers';

const HEADER = 'import flyte\nfrom flyte import Cache\nenv = flyte.TaskEnvironment(name="e")\n';
const VALID = "['auto', 'override', 'disable']";

function task(decorator: string): string {
  return `${HEADER}@env.task(${decorator})\nasync def f(x: int) -> int:\n    return x\n`;
}

test('flags an unknown behavior string on the whole argument, quoting the SDK', () => {
  const src = task('cache="sometimes"');
  const [f, ...rest] = findings(src, 'FC108');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), 'cache="sometimes"');
  assert.equal(f.severity, 'error');
  assert.equal(f.message, `\`"sometimes"\` is not a Flyte 2 cache behavior: \`ValueError: Invalid cache behavior: 'sometimes'. Must be one of ${VALID}\``);
  assert.equal(f.fix, undefined);
});

test('a valid behavior in another case gets a safe fix; a near miss an unsafe one', () => {
  const cases: [string, string, boolean][] = [
    ['cache="Auto"', 'cache="auto"', true],
    ['cache=Cache(behavior="DISABLE")', 'cache=Cache(behavior="disable")', true],
    ['cache=Cache(" override ", "1")', 'cache=Cache("override", "1")', true],
    ['cache=Cache(behavior="disabled")', 'cache=Cache(behavior="disable")', false],
    ['cache="overide"', 'cache="override"', false],
  ];
  for (const [before, after, safe] of cases) {
    const src = task(before);
    const all = findings(src, 'FC108');
    assert.equal(all.length, 1, before);
    const f = all[0]!;
    assert.equal(f.fix?.safe, safe, before);
    const fixed = applyFix(src, f);
    assert.equal(fixed, task(after));
    assert.equal(findings(fixed, 'FC108').length, 0, after);
  }
});

test('booleans: TaskEnvironment(cache=True) raises TypeError, env.task(cache=True) ValueError; both fix to "auto"', () => {
  const src = 'import flyte\nenv = flyte.TaskEnvironment(name="e", cache=True)\n@env.task(cache=True)\nasync def f() -> int:\n    return 1\n';
  const all = findings(src, 'FC108');
  assert.equal(all.length, 2);
  const [environment, decorator] = all as [(typeof all)[0], (typeof all)[0]];
  assert.equal(src.slice(environment.start, environment.end), 'cache=True');
  assert.equal(environment.start, src.indexOf('cache=True'));
  assert.match(environment.message, /`TypeError: Expected cache to be of type str or Cache, got <class 'bool'>`$/);
  assert.equal(decorator.start, src.lastIndexOf('cache=True'));
  assert.equal(decorator.message, `\`cache=True\` is not a Flyte 2 cache behavior: \`ValueError: Invalid cache behavior: True. Must be one of ${VALID}\``);
  let fixed = applyFix(src, environment);
  fixed = applyFix(fixed, findings(fixed, 'FC108')[0]!);
  assert.equal(fixed, src.replaceAll('cache=True', 'cache="auto"'));
  assert.equal(findings(fixed, 'FC108').length, 0);
});

test('TaskEnvironment(cache=False) is flagged only when a task inherits it', () => {
  const env = 'import flyte\nenv = flyte.TaskEnvironment(name="e", cache=False)\n';
  const overriding = `${env}@env.task(cache="auto")\nasync def f() -> int:\n    return 1\n`;
  assert.deepEqual(flagged(overriding, 'FC108'), []);
  const inheriting = `${env}@env.task(cache=False)\nasync def f() -> int:\n    return 1\n`;
  const [f] = findings(inheriting, 'FC108');
  assert.ok(f);
  assert.equal(f.start, inheriting.indexOf('cache=False'));
  assert.equal(applyFix(inheriting, f), inheriting.replace('cache=False)\n@', 'cache="disable")\n@'));
});

test('Cache(...) is checked wherever it is built, positionally or by keyword', () => {
  const src = `${HEADER}A = Cache("nope")\nB = flyte.Cache(behavior=None)\nC = Cache(1)\n`;
  assert.deepEqual(flagged(src, 'FC108'), ['"nope"', 'behavior=None', '1']);
});

test('silent on accepted behaviors, aliases, unknown values and non-Flyte code', () => {
  const silent = [
    task('cache="auto"'),
    task('cache="override"'),
    task('cache="disable"'),
    task('cache="on"'),
    task('cache="Enabled"'),
    task('cache=Cache("auto", "2.0")'),
    task('cache=Cache(behavior=MODE)'),
    task('cache=Cache(**opts)'),
    task('cache=MODE'),
    task('cache=False'),
    task('cache=None'),
    'from flytekit import task\n@task(cache=True, cache_version="1")\ndef f() -> int:\n    return 1\n',
    'from mylib import Cache\nc = Cache(behavior="sometimes")\n',
    'import flyte\nfrom mylib import Cache\nc = Cache("sometimes")\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC108'), [], src);
});
