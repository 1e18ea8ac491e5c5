import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze, findings, fixedClean, flagged } from './fix-check';

const message = (shown: string): string =>
  `\`cache_ignore_input_vars\` without caching: \`ValueError: Cache ignore input vars are specified \`\`cache_ignore_input_vars=${shown}\`\` but \`\`cache\`\` is not enabled.\``;

test('flags ignored inputs without cache, showing the value as Python prints it', () => {
  const cases: [string, string][] = [
    ['("seed",)', "('seed',)"],
    ['("a", "b")', "('a', 'b')"],
    ['["a"]', "['a']"],
    ['"seed"', 'seed'],
    ['(NAME,)', '...'],
  ];
  for (const [value, shown] of cases) {
    const src = `from flytekit import task\n@task(cache_ignore_input_vars=${value})\ndef f(seed: int): pass\n`;
    const [f, ...rest] = findings(src, 'FC104');
    assert.equal(rest.length, 0);
    assert.equal(src.slice(f!.start, f!.end), `cache_ignore_input_vars=${value}`);
    assert.equal(f!.message, message(shown));
    assert.equal(f!.severity, 'error');
    assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Remove `cache_ignore_input_vars`', safe: true });
    assert.equal(fixedClean(src, 'FC104'), 'from flytekit import task\n@task()\ndef f(seed: int): pass\n');
  }
});

test('removal keeps the other arguments and their commas', () => {
  const src = 'from flytekit import task\n@task(cache=False, cache_ignore_input_vars=("a",), retries=2)\ndef f(a: int): pass\n';
  assert.equal(fixedClean(src, 'FC104'), 'from flytekit import task\n@task(cache=False, retries=2)\ndef f(a: int): pass\n');
});

test('an environment\'s ignored inputs are reported once without a fix', () => {
  const src = 'from flytekit import Environment\nenv = Environment(cache_ignore_input_vars=("a",))\n@env.task\ndef f(a: int): pass\n@env.task\ndef g(a: int): pass\n';
  const all = findings(src, 'FC104');
  assert.equal(all.length, 1);
  assert.equal(all[0]!.fix, undefined);
});

test('silent for an empty tuple, caching on or unknown, a variable', () => {
  const silent = [
    'from flytekit import task\n@task(cache_ignore_input_vars=())\ndef f(a: int): pass\n',
    'from flytekit import task\n@task(cache_ignore_input_vars="")\ndef f(a: int): pass\n',
    'from flytekit import task\n@task(cache=True, cache_version="1", cache_ignore_input_vars=("a",))\ndef f(a: int): pass\n',
    'from flytekit import task\n@task(cache=c, cache_ignore_input_vars=("a",))\ndef f(a: int): pass\n',
    'from flytekit import task\n@task(cache_ignore_input_vars=IGNORED)\ndef f(a: int): pass\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC104'), [], src);
});

test('a bare string without cache is FC104 only (not FC204)', () => {
  const src = 'from flytekit import task\n@task(cache_version="1", cache_ignore_input_vars="seed")\ndef f(seed: int): pass\n';
  const codes = analyze(src).findings.map((f) => f.code);
  assert.ok(codes.includes('FC104'));
  assert.ok(!codes.includes('FC204'));
  assert.ok(!codes.includes('FC203'));
});
