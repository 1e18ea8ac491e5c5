import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheStatus, datasetVersion, nodeExecutionEvents } from '../../../server/src/history/node-executions';

test('every CatalogCacheStatus is mapped, by number and by name; omitted means CACHE_DISABLED', () => {
  const names = ['CACHE_DISABLED', 'CACHE_MISS', 'CACHE_HIT', 'CACHE_POPULATED', 'CACHE_LOOKUP_FAILURE', 'CACHE_PUT_FAILURE', 'CACHE_SKIPPED', 'CACHE_EVICTED'];
  const expected = ['disabled', 'miss', 'hit', 'populated', 'lookup_failure', 'put_failure', 'skipped', 'evicted'];
  assert.deepEqual(names.map(cacheStatus), expected);
  assert.deepEqual(names.map((_, i) => cacheStatus(i)), expected);
  assert.equal(cacheStatus(undefined), 'disabled');
  assert.equal(cacheStatus('CACHE_SOMETHING_NEW'), undefined);
  assert.equal(cacheStatus(8), undefined);
});

test('the dataset version loses its interface signature; other versions stay', () => {
  assert.equal(datasetVersion('1.0-aBc_-123-Zz9-_xYw'), '1.0');
  assert.equal(datasetVersion('v1-2024-05-abcdefgh-ijklmnop'), 'v1-2024-05');
  assert.equal(datasetVersion('1.0'), '1.0');
});

const snake = {
  node_executions: [
    {
      id: { node_id: 'n0', execution_id: { project: 'flytesnacks', domain: 'development', name: 'abc123' } },
      closure: {
        phase: 'SUCCEEDED',
        started_at: '2024-05-01T10:00:00Z',
        duration: '12.500s',
        task_node_metadata: {
          cache_status: 'CACHE_POPULATED',
          catalog_key: {
            dataset_id: { resource_type: 'DATASET', project: 'flytesnacks', domain: 'development', name: 'flyte_task-workflows.example.square', version: '1.0-aBcDeFgH-iJkLmNoP' },
            artifact_tag: { artifact_id: 'art-1', name: 'flyte_cached-Xyz123' },
          },
        },
      },
    },
    { id: { node_id: 'start-node', execution_id: { project: 'flytesnacks', domain: 'development', name: 'abc123' } }, closure: { phase: 'SUCCEEDED' } },
    { id: { node_id: 'n1', execution_id: { project: 'flytesnacks', domain: 'development', name: 'abc123' } }, closure: { started_at: '2024-05-01T10:00:13Z', task_node_metadata: {} } },
  ],
  token: '',
};

test('Admin REST JSON (snake_case) gives one event per cached task node', () => {
  const r = nodeExecutionEvents(snake);
  assert.deepEqual(r.events, [
    { task: 'workflows.example.square', version: '1.0', hash: 'Xyz123', status: 'populated', source: 'remote', execution: 'flytesnacks/development/abc123/n0', time: Date.parse('2024-05-01T10:00:00Z') / 1000, durationMs: 12500 },
  ]);
  assert.equal(r.notTaskNodes, 1);
  assert.equal(r.withoutTask, 1);
});

test('flytectl JSON (lowerCamelCase, zero values omitted) reads the same', () => {
  const camel = [
    {
      id: { nodeId: 'n0', executionId: { project: 'p', domain: 'd', name: 'e1' } },
      closure: {
        startedAt: '2024-05-01T10:00:00.250Z',
        duration: '0.040s',
        taskNodeMetadata: {
          cacheStatus: 'CACHE_HIT',
          catalogKey: {
            datasetId: { resourceType: 'DATASET', project: 'p', domain: 'd', name: 'flyte_task-wf.t', version: 'v3-aaaaaaaa-bbbbbbbb' },
            artifactTag: { artifactId: 'a', name: 'flyte_cached-Q' },
            sourceTaskExecution: { taskId: { name: 'wf.t', version: 'abc' }, nodeExecutionId: { nodeId: 'n0' } },
          },
        },
      },
    },
  ];
  assert.deepEqual(nodeExecutionEvents({ nodeExecutions: camel }).events, [
    { task: 'wf.t', version: 'v3', hash: 'Q', status: 'hit', source: 'remote', execution: 'p/d/e1/n0', time: Date.parse('2024-05-01T10:00:00.250Z') / 1000, durationMs: 40 },
  ]);
});

test('an unknown status is a warning, not an event', () => {
  const r = nodeExecutionEvents({ id: { node_id: 'n', execution_id: { name: 'x' } }, closure: { started_at: '2024-01-01T00:00:00Z', task_node_metadata: { cache_status: 'CACHE_WARM', catalog_key: { dataset_id: { name: 'flyte_task-t' } } } } });
  assert.equal(r.events.length, 0);
  assert.match(r.warnings[0] ?? '', /unknown cache status "CACHE_WARM"/);
});
