import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { CacheStore } from '../../../server/src/store';
import { tempDir } from '../importers/fixture-tools';
import { recordingEnv } from '../../../server/src/cli/record';
import { root, run } from './run-cli';

const fake = path.join(root, 'test', 'fixtures', 'history', 'fake-pyflyte.py');

async function recorded(file: string) {
  const { store } = await CacheStore.open(file);
  try {
    return store.history().reverse();
  } finally {
    store.close();
  }
}

for (const format of ['json', 'plain']) {
  test(`record: ${format} log lines become history; output passes through; exit code propagates`, async () => {
    const file = path.join(tempDir('fc-record-'), 'store.sqlite');
    const env: NodeJS.ProcessEnv = { FLYTE_SDK_LOGGING_LEVEL: '', FLYTE_SDK_RICH_TRACEBACKS: '' };
    if (format === 'plain') env['FLYTE_SDK_LOGGING_FORMAT'] = 'plain';
    const r = run(['record', '--store', file, '--', '/usr/bin/python3', fake, '3'], root, { env });
    assert.equal(r.code, 3, r.stderr);
    assert.match(r.stdout, /^running workflows.example.square\(3\)\nrunning workflows.example.square\(4\)\nrunning my-pipeline.report\(3\)\nresult: 9\n$/);
    assert.match(r.stderr, format === 'json' ? /^\{"asctime": .*"message": "Cache hit"\}$/m : /^\[flytekit\] Cache hit$/m);
    assert.match(r.stderr, /recorded 4 cache lookups \(1 hits, 2 misses, 1 overwrites; 7 new events\)/);
    const events = await recorded(file);
    assert.deepEqual(
      events.map((e) => [e.task, e.version, e.status]),
      [
        ['workflows.example.square', '1.0', 'miss'],
        ['workflows.example.square', '1.0', 'populated'],
        ['workflows.example.square', '1.0', 'hit'],
        ['workflows.example.square', '1.0', 'miss'],
        ['workflows.example.square', '1.0', 'populated'],
        ['my-pipeline.report', 'v1-2024-05', 'overwrite'],
        ['my-pipeline.report', 'v1-2024-05', 'populated'],
      ],
    );
    const [miss, populated, hit, otherMiss] = events;
    assert.equal(hit!.hash, miss!.hash, 'the same inputs give the same id');
    assert.notEqual(otherMiss!.hash, miss!.hash);
    assert.ok(populated!.durationMs !== null && populated!.durationMs >= 0);
    assert.ok(populated!.time >= miss!.time);
    assert.equal(miss!.durationMs, null);
    assert.equal(new Set(events.map((e) => e.execution)).size, 1);
    assert.match(miss!.execution ?? '', /^record-\d{4}-/);
  });
}

test('record without a command is a usage error; a missing program exits 2', () => {
  const file = path.join(tempDir('fc-record-'), 'store.sqlite');
  const none = run(['record', '--store', file]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /record needs a command/);
  const missing = run(['record', '--store', file, '--', '/nonexistent/pyflyte', 'run']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /could not run \/nonexistent\/pyflyte: .*ENOENT/);
});

test('recordingEnv turns on INFO and plain handlers, keeping a more verbose level', () => {
  assert.deepEqual(
    [recordingEnv({}), recordingEnv({ FLYTE_SDK_LOGGING_LEVEL: '30', FLYTE_SDK_RICH_TRACEBACKS: '1' }), recordingEnv({ FLYTE_SDK_LOGGING_LEVEL: '10', KEEP: 'x' })],
    [
      { FLYTE_SDK_LOGGING_LEVEL: '20', FLYTE_SDK_RICH_TRACEBACKS: '0' },
      { FLYTE_SDK_LOGGING_LEVEL: '20', FLYTE_SDK_RICH_TRACEBACKS: '0' },
      { FLYTE_SDK_LOGGING_LEVEL: '10', FLYTE_SDK_RICH_TRACEBACKS: '0', KEEP: 'x' },
    ],
  );
  assert.match(run(['--help']).stdout, /record \[--store PATH\] -- COMMAND/);
});
