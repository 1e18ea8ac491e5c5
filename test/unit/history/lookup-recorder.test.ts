import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flytekitMessage, parseCacheMessage } from '../../../server/src/history/flytekit-log';
import { inputsId, LookupRecorder } from '../../../server/src/history/lookup-recorder';

const INPUTS = ['literals {', '  key: "n"', '  value {', '    scalar {', '      primitive {', '        integer: 3', '      }', '    }', '  }', '}', ''];

test('flytekit messages are read from JSON and plain lines, other loggers and lines ignored', () => {
  assert.equal(flytekitMessage('{"asctime": "2024-05-01 10:00:00,123", "name": "flytekit", "levelname": "INFO", "message": "Cache hit"}'), 'Cache hit');
  assert.equal(flytekitMessage('[flytekit] Cache hit'), 'Cache hit');
  assert.equal(flytekitMessage('[flytekit.remote] Cache hit'), 'Cache hit');
  assert.equal(flytekitMessage('{"name": "user_space", "message": "Cache hit"}'), undefined);
  assert.equal(flytekitMessage('Cache hit'), undefined);
  assert.equal(flytekitMessage('{not json'), undefined);
});

test('cache messages: the exact texts of flytekit base_task.py', () => {
  assert.deepEqual(parseCacheMessage('Checking cache for task named my-pipeline.report, cache version v1-2024-05 and inputs: literals {}'), {
    kind: 'check',
    task: 'my-pipeline.report',
    version: 'v1-2024-05',
    inputs: 'literals {}',
  });
  assert.deepEqual(parseCacheMessage('Checking cache for task named wf.a, cache version 1 , inputs: x'), { kind: 'check', task: 'wf.a', version: '1', inputs: 'x' });
  assert.deepEqual(parseCacheMessage('Cache miss, task will be executed now'), { kind: 'miss' });
  assert.deepEqual(parseCacheMessage('Cache overwrite, task will be executed now'), { kind: 'overwrite' });
  assert.deepEqual(parseCacheMessage('Cache hit'), { kind: 'hit' });
  assert.equal(parseCacheMessage('Cache hit ratio is great')?.kind, undefined);
  assert.equal(parseCacheMessage('Cache set for task named wf.a, cache version 2 and inputs: y')?.kind, 'set');
});

test('plain and JSON logs of the same run give the same events', () => {
  const check = `Checking cache for task named wf.sq, cache version 1.0 and inputs: ${INPUTS.join('\n')}`;
  const set = `Cache set for task named wf.sq, cache version 1.0 and inputs: ${INPUTS.join('\n')}`;
  const plain = new LookupRecorder('run');
  const lines: [string, number][] = [
    [`[flytekit] ${check.split('\n')[0]}`, 1000],
    ...INPUTS.slice(1).map((l): [string, number] => [l, 1000]),
    ['[flytekit] Cache miss, task will be executed now', 1001],
    [`[flytekit] ${set.split('\n')[0]}`, 3500],
    ...INPUTS.slice(1).map((l): [string, number] => [l, 3500]),
    [`[flytekit] ${check.split('\n')[0]}`, 4000],
    ...INPUTS.slice(1).map((l): [string, number] => [l, 4000]),
    ['[flytekit] Cache hit', 4010],
  ];
  for (const [l, t] of lines) plain.line(l, t);
  const json = new LookupRecorder('run');
  const j = (message: string) => JSON.stringify({ asctime: '2024-05-01 10:00:00,123', name: 'flytekit', levelname: 'INFO', message });
  json.line(j(check), 1000);
  json.line('running the task on stdout', 1500, 'stdout');
  json.line(j('Cache miss, task will be executed now'), 1001);
  json.line(j(set), 3500);
  json.line(j(check), 4000);
  json.line(j('Cache hit'), 4010);
  const hash = inputsId(INPUTS);
  const expected = [
    { task: 'wf.sq', version: '1.0', hash, status: 'miss', source: 'recorded', execution: 'run', time: 1, durationMs: null },
    { task: 'wf.sq', version: '1.0', hash, status: 'populated', source: 'recorded', execution: 'run', time: 3.5, durationMs: 2500 },
    { task: 'wf.sq', version: '1.0', hash, status: 'hit', source: 'recorded', execution: 'run', time: 4, durationMs: 10 },
  ];
  assert.deepEqual(plain.result(), expected);
  assert.deepEqual(json.result(), expected);
  assert.match(hash, /^logged-[0-9a-f]{16}$/);
  assert.notEqual(inputsId(['literals { key: "n" value { integer: 4 } }']), hash);
});

test('a verdict without a preceding check is ignored; a set without a miss is still recorded', () => {
  const r = new LookupRecorder('run');
  r.line('[flytekit] Cache hit', 5);
  r.line('[flytekit] Cache set for task named wf.b, cache version 2 and inputs: literals {}', 9000);
  assert.deepEqual(r.result().map((e) => [e.task, e.status, e.durationMs]), [['wf.b', 'populated', null]]);
});
