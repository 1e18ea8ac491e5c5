import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, findings, flagged } from '../engine/helpers';

test('flags each cache keyword on a ContainerTask and moves them into TaskMetadata, importing it', () => {
  const src = 'from flytekit import ContainerTask\n\nt = ContainerTask(name="t", image="i", cache=True, cache_version="1.0", command=["c"])\n';
  const all = findings(src, 'FC202');
  assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), ['cache=True', 'cache_version="1.0"']);
  const f = all[0]!;
  assert.equal(f.severity, 'warning');
  assert.equal(f.message, '`ContainerTask` silently ignores `cache=`, so nothing is cached; set caching with `metadata=TaskMetadata(...)`');
  assert.equal(f.fix?.title, 'Move the cache keywords into `metadata=TaskMetadata(...)`');
  assert.equal(f.fix?.safe, false);
  const fixed = applyFix(src, f);
  assert.equal(
    fixed,
    'from flytekit import ContainerTask\nfrom flytekit import TaskMetadata\n\nt = ContainerTask(name="t", image="i", metadata=TaskMetadata(cache=True, cache_version="1.0"), command=["c"])\n',
  );
  assert.deepEqual(flagged(fixed, 'FC202'), []);
});

test('the fix adds the version TaskMetadata requires and reuses an existing spelling', () => {
  const src = 'import flytekit as fk\nfrom flytekitplugins.snowflake import SnowflakeTask\nq = SnowflakeTask(name="q", query_template="SELECT 1", cache_serialize=True, cache=True)\n';
  const all = findings(src, 'FC202');
  assert.equal(all.length, 2);
  assert.match(all[0]!.message, /^`SnowflakeTask` silently ignores `cache_serialize=`/);
  const fixed = applyFix(src, all[0]!);
  assert.equal(fixed, src.replace('cache_serialize=True, cache=True', 'metadata=fk.TaskMetadata(cache=True, cache_version="1", cache_serialize=True)'));
});

test('no fix without cache=True, with metadata=, or on map_task', () => {
  const cases = [
    'from flytekit import ContainerTask\nt = ContainerTask(name="t", image="i", command=["c"], cache_version="1")\n',
    'from flytekit import ContainerTask, TaskMetadata\nt = ContainerTask(name="t", image="i", command=["c"], metadata=TaskMetadata(retries=1), cache=True, cache_version="1")\n',
    'from flytekit import ContainerTask, Cache\nt = ContainerTask(name="t", image="i", command=["c"], cache=Cache(version="1"))\n',
    'from flytekit import map_task, task\n@task\ndef f(x: int) -> int:\n    return x\nm = map_task(f, cache=True, cache_version="1")\n',
  ];
  for (const src of cases) {
    const all = findings(src, 'FC202');
    assert.ok(all.length > 0, src);
    assert.ok(all.every((f) => !f.fix), src);
  }
  const [mapped] = findings(cases[3]!, 'FC202');
  assert.equal(mapped!.message, '`map_task` silently ignores `cache=`, so nothing is cached; cache the mapped task instead');
});

test('@eager(...) and the SQL plugins are recognized by their import', () => {
  const src = 'from flytekit import eager\nfrom flytekit.extras.sqlite3.task import SQLite3Task\n@eager(cache=True, cache_version="1")\nasync def wf() -> int:\n    return 1\nq = SQLite3Task(name="q", query_template="SELECT 1", cache=True, cache_version="2")\n';
  assert.deepEqual(flagged(src, 'FC202'), ['cache=True', 'cache_version="1"', 'cache=True', 'cache_version="2"']);
  const fixed = applyFix(src, findings(src, 'FC202')[0]!);
  assert.ok(fixed.includes('@eager(metadata=TaskMetadata(cache=True, cache_version="1"))'), fixed);
});

test('silent on @task, metadata, unknown kinds, **kwargs and other libraries', () => {
  const silent = [
    'from flytekit import task\n@task(cache=True, cache_version="1")\ndef f() -> int:\n    return 1\n',
    'from flytekit import ContainerTask, TaskMetadata\nt = ContainerTask(name="t", image="i", command=["c"], metadata=TaskMetadata(cache=True, cache_version="1"))\n',
    'from flytekit import ContainerTask\nt = ContainerTask(name="t", image="i", command=["c"], **CACHE)\n',
    'from mylib import ContainerTask\nt = ContainerTask(name="t", cache=True)\n',
    'from flytekitplugins.hive import HiveSelectTask\nt = HiveSelectTask(name="t", cache=True)\n',
  ];
  for (const src of silent) assert.deepEqual(flagged(src, 'FC202'), [], src);
});
