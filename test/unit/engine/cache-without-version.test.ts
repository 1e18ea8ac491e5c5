import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PythonDocument } from '../../../server/src/analysis';
import { analyze, applyFix, findings, flagged } from './helpers';

const MESSAGE = 'Caching is on but no version is set: `ValueError: If version is not defined then at least one cache policy needs to be set`';
const HEADER = 'from flytekit import Cache, task, dynamic, Environment\nimport flytekit\nimport flytekit as fk\n';

test('flags cache=True without a version, on the whole cache argument, with the SDK message', () => {
  const src = `${HEADER}@task(retries=1, cache=True)\ndef f() -> int:\n    return 1\n`;
  const [f, ...rest] = findings(src, 'FC101');
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(src.slice(f.start, f.end), 'cache=True');
  assert.equal(f.start, src.indexOf('cache=True'));
  assert.equal(f.message, MESSAGE);
  assert.equal(f.severity, 'error');
  assert.equal(f.fix?.title, 'Add `cache_version="1"`');
  assert.equal(f.fix?.safe, true);
  assert.equal(applyFix(src, f), src.replace('cache=True)', 'cache=True, cache_version="1")'));
});

test('flags every Cache() form without version or policies; the fix adds version first', () => {
  const cases: [string, string][] = [
    ['Cache()', 'Cache(version="1")'],
    ['Cache(salt="x")', 'Cache(version="1", salt="x")'],
    ['Cache(policies=[])', 'Cache(version="1", policies=[])'],
    ['Cache(serialize=True)', 'Cache(version="1", serialize=True)'],
    ['flytekit.Cache()', 'flytekit.Cache(version="1")'],
    ['fk.Cache(salt="s")', 'fk.Cache(version="1", salt="s")'],
  ];
  for (const [before, after] of cases) {
    const src = `${HEADER}@task(cache=${before})\ndef f() -> int:\n    return 1\n`;
    const all = findings(src, 'FC101');
    assert.equal(all.length, 1, before);
    const f = all[0]!;
    assert.equal(src.slice(f.start, f.end), `cache=${before}`);
    assert.equal(f.fix?.title, 'Add `version="1"`');
    assert.equal(applyFix(src, f), src.replace(`cache=${before}`, `cache=${after}`));
  }
});

test('every decorator spelling is recognized', () => {
  const spellings = ['task', 'flytekit.task', 'fk.task', 'dynamic', 't'];
  for (const s of spellings) {
    const src = `${HEADER}from flytekit import task as t\n@${s}(cache=True)\ndef f() -> int:\n    return 1\n`;
    assert.deepEqual(flagged(src, 'FC101'), ['cache=True'], s);
  }
  const core = 'from flytekit.core.task import task\n@task(cache=True)\ndef f(): pass\n';
  assert.deepEqual(flagged(core, 'FC101'), ['cache=True']);
});

test('env.task inherits the environment; the finding sits on the environment argument, once', () => {
  const src = `${HEADER}env = Environment(cache=True)\n@env.task\ndef a(): pass\n@env.task()\ndef b(): pass\n@env\ndef c(): pass\n@env.task(cache_version="2")\ndef d(): pass\n`;
  const all = findings(src, 'FC101');
  assert.equal(all.length, 1);
  assert.equal(all[0]!.start, src.indexOf('cache=True'));
  const fixed = applyFix(src, all[0]!);
  assert.ok(fixed.includes('Environment(cache=True, cache_version="1")'));
  assert.equal(findings(fixed, 'FC101').length, 0);
});

test('a mutated environment is unknowable', () => {
  const src = `${HEADER}env = Environment(cache=True)\nenv.update(cache_version="1")\n@env.task\ndef a(): pass\n`;
  assert.equal(findings(src, 'FC101').length, 0);
});

test('silent on valid and unknowable configurations', () => {
  const silent = [
    '@task(cache=True, cache_version="1.0")',
    '@task(cache=Cache(version="1.0"))',
    '@task(cache=Cache(version="2", serialize=True, ignored_inputs=("seed",)))',
    '@task(cache=Cache(policies=MyPolicy()))',
    '@task(cache=Cache(policies=[PolicyA(), PolicyB()]))',
    '@task(cache=True, cache_version=VERSION)',
    '@task(cache=True, cache_version=get_version())',
    '@task(**CACHE_KWARGS)',
    '@task(cache=True, **CACHE_KWARGS)',
    '@task(cache=Cache(**opts))',
    '@task(cache=Cache("1"))',
    '@task(cache=flag)',
    '@task(cache=make_cache())',
    '@task(cache=False)',
    '@task',
    '@task()',
    '@dynamic(cache=True, cache_version="1")',
    '@functools.cache',
  ];
  for (const decorator of silent) {
    const src = `${HEADER}import functools\nVERSION = "1"\n${decorator}\ndef f() -> int:\n    return 1\n`;
    assert.deepEqual(flagged(src, 'FC101'), [], decorator);
  }
});

test('not flytekit: Prefect, an undefined task, a shadowed import, Flyte 2', () => {
  const sources = [
    'from prefect import task\n@task(cache=True, cache_policy=INPUTS)\ndef f(): pass\n',
    '@task(cache=True)\ndef f(): pass\n',
    'from flytekit import task\ndef task(**kw):\n    return lambda f: f\n@task(cache=True)\ndef f(): pass\n',
    'import flyte\nenv = flyte.TaskEnvironment(name="x")\n@env.task(cache="auto")\ndef f(): pass\n@env.task(cache=True)\ndef g(): pass\n',
  ];
  for (const src of sources) assert.deepEqual(flagged(src, 'FC101'), [], src);
});

test('the default-policy setting and union imports silence cache=True, not an explicit empty policy list', () => {
  const src = `${HEADER}@task(cache=True)\ndef f(): pass\n@task(cache=Cache(policies=[]))\ndef g(): pass\n`;
  assert.deepEqual(flagged(src, 'FC101', { defaultCachePolicy: 'function-body' }), ['cache=Cache(policies=[])']);
  const union = 'from union import task, Cache\n@task(cache=True)\ndef f(): pass\n@task(cache=Cache())\ndef g(): pass\n';
  assert.deepEqual(flagged(union, 'FC101'), []);
  const unionai = 'import unionai\nfrom flytekit import task\n@task(cache=True)\ndef f(): pass\n';
  assert.deepEqual(flagged(unionai, 'FC101'), []);
});

test('every fix leaves no FC101 and a file without syntax errors', () => {
  const src = `${HEADER}env = Environment(cache=True)\n@task(cache=True)\ndef a(): pass\n@fk.task(cache=fk.Cache(salt="s"), retries=2)\ndef b(): pass\n@env.task\ndef c(): pass\n@dynamic(cache=Cache())\ndef d(): pass\n`;
  const all = findings(src, 'FC101');
  assert.equal(all.length, 4);
  for (const f of all) {
    const fixed = applyFix(src, f);
    assert.equal(PythonDocument.create(fixed).hasSyntaxErrors, false);
    assert.equal(findings(fixed, 'FC101').length, 3);
  }
  let text = src;
  for (let pass = 0; pass < 10; pass++) {
    const next = findings(text, 'FC101')[0];
    if (!next) break;
    text = applyFix(text, next);
  }
  assert.equal(findings(text, 'FC101').length, 0);
  assert.equal(analyze(text).findings.length, 0);
});
