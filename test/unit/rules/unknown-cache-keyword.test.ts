import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findings, fixedClean, flagged } from './fix-check';

const message = (name: string): string => `Unknown keyword \`${name}\` for \`Cache\`: \`TypeError: Cache.__init__() got an unexpected keyword argument '${name}'\``;

test('ttl= on flytekit Cache: flagged on the argument, removal is unsafe', () => {
  const src = 'from flytekit import Cache, task\n@task(cache=Cache(version="1", ttl=3600))\ndef f(): pass\n';
  const [f, ...rest] = findings(src, 'FC110');
  assert.equal(rest.length, 0);
  assert.equal(src.slice(f!.start, f!.end), 'ttl=3600');
  assert.equal(f!.message, message('ttl'));
  assert.equal(f!.severity, 'error');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Remove `ttl`', safe: false });
  assert.equal(fixedClean(src, 'FC110'), src.replace(', ttl=3600', ''));
});

test('version= on flyte.Cache becomes version_override= (safe), and the reverse on flytekit', () => {
  const flyte2 = 'import flyte\nenv = flyte.TaskEnvironment("e", cache=flyte.Cache("override", version="2"))\n';
  const [f] = findings(flyte2, 'FC110');
  assert.equal(flyte2.slice(f!.start, f!.end), 'version="2"');
  assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: 'Rename to `version_override`', safe: true });
  assert.equal(fixedClean(flyte2, 'FC110'), flyte2.replace('version=', 'version_override='));
  const flytekit = 'from flytekit import Cache\nC = Cache(version_override="2")\n';
  assert.equal(findings(flytekit, 'FC110')[0]!.fix?.safe, true);
  assert.equal(fixedClean(flytekit, 'FC110'), 'from flytekit import Cache\nC = Cache(version="2")\n');
});

test('typos are renamed to the unique nearest field (unsafe); policy becomes policies', () => {
  const cases: [string, string, string][] = [
    ['from flytekit import Cache\nC = Cache(version="1", serialise=True)\n', 'serialise', 'serialize'],
    ['import flyte\nC = flyte.Cache("auto", ignore_inputs=("x",))\n', 'ignore_inputs', 'ignored_inputs'],
    ['from flytekit import Cache\nC = Cache(policy=P())\n', 'policy', 'policies'],
  ];
  for (const [src, from, to] of cases) {
    const [f] = findings(src, 'FC110');
    assert.equal(f!.message, message(from));
    assert.deepEqual({ title: f!.fix?.title, safe: f!.fix?.safe }, { title: `Rename to \`${to}\``, safe: false });
    assert.equal(fixedClean(src, 'FC110'), src.replace(`${from}=`, `${to}=`));
  }
});

test('no fix when the target is already given by keyword or position', () => {
  for (const src of [
    'import flyte\nC = flyte.Cache("override", version_override="1", version="2")\n',
    'import flyte\nC = flyte.Cache("override", "1", version="2")\n',
    'from flytekit import Cache\nC = Cache(version="1", serialise=True, serialize=False)\n',
  ]) {
    const all = findings(src, 'FC110');
    assert.equal(all.length, 1, src);
    assert.equal(all[0]!.fix, undefined, src);
  }
});

test('every real field and other libraries\' Cache stay silent', () => {
  const silent = [
    'from flytekit import Cache\nC = Cache(version="1", serialize=True, ignored_inputs=(), salt="", policies=None)\n',
    'import flyte\nC = flyte.Cache(behavior="auto", version_override=None, serialize=False, ignored_inputs=(), salt="", policies=None)\n',
    'import diskcache\nC = diskcache.Cache(directory="/tmp", ttl=3)\n',
    'from diskcache import Cache\nC = Cache(ttl=3)\n',
    'from flytekit import Cache\nC = Cache(version="1", **kw)\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC110'), [], src);
});
