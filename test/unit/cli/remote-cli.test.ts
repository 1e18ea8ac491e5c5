import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { CacheStore } from '../../../server/src/store';
import { tempDir } from '../importers/fixture-tools';
import { cli, type CliResult } from './run-cli';

/** Runs the CLI without blocking this process, so the loopback server below can answer it. */
function runAsync(args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function node(execution: string, nodeId: string, status: string, task: string, started: string) {
  return {
    id: { node_id: nodeId, execution_id: { project: 'flytesnacks', domain: 'development', name: execution } },
    input_uri: 's3://bucket/inputs.pb',
    closure: {
      phase: 'SUCCEEDED',
      started_at: started,
      duration: '2.5s',
      created_at: started,
      updated_at: started,
      task_node_metadata: {
        cache_status: status,
        catalog_key: {
          dataset_id: { resource_type: 'DATASET', project: 'flytesnacks', domain: 'development', name: `flyte_task-${task}`, version: '1.0-Ab3dE_gH-iJ-LmNoP' },
          artifact_tag: { artifact_id: `art-${nodeId}`, name: `flyte_cached-${nodeId}hash` },
        },
      },
    },
    metadata: { spec_node_id: nodeId },
  };
}

interface Server {
  url: string;
  requests: string[];
  close(): Promise<void>;
}

async function admin(handler: (url: URL, res: http.ServerResponse) => void): Promise<Server> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${url.pathname}${url.search}`);
    handler(url, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function history(file: string) {
  const { store } = await CacheStore.open(file);
  try {
    return store.history().reverse();
  } finally {
    store.close();
  }
}

test('sync --execution follows page tokens; syncing again adds nothing', async () => {
  const server = await admin((url, res) => {
    if (url.pathname !== '/api/v1/node_executions/flytesnacks/development/exec1') return json(res, 404, { code: 5, message: 'not found' });
    if (!url.searchParams.get('token')) return json(res, 200, { node_executions: [node('exec1', 'n0', 'CACHE_MISS', 'wf.a', '2024-05-01T10:00:00Z')], token: 'page2' });
    return json(res, 200, { node_executions: [node('exec1', 'n1', 'CACHE_HIT', 'wf.b', '2024-05-01T10:00:05Z')] });
  });
  try {
    const file = path.join(tempDir('fc-sync-'), 'store.sqlite');
    const args = ['sync', '--endpoint', server.url, '--project', 'flytesnacks', '--domain', 'development', '--execution', 'exec1', '--store', file];
    const r = await runAsync(args);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Imported 2 new of 2 cache events from 1 execution of flytesnacks\/development/);
    assert.deepEqual(server.requests, [
      '/api/v1/node_executions/flytesnacks/development/exec1?limit=100',
      '/api/v1/node_executions/flytesnacks/development/exec1?limit=100&token=page2',
    ]);
    assert.deepEqual(
      (await history(file)).map((e) => [e.task, e.version, e.hash, e.status, e.execution, e.durationMs]),
      [
        ['wf.a', '1.0', 'n0hash', 'miss', 'flytesnacks/development/exec1/n0', 2500],
        ['wf.b', '1.0', 'n1hash', 'hit', 'flytesnacks/development/exec1/n1', 2500],
      ],
    );
    const again = await runAsync(args);
    assert.match(again.stdout, /Imported 0 new of 2/);
  } finally {
    await server.close();
  }
});

test('sync without --execution lists the newest executions first', async () => {
  const server = await admin((url, res) => {
    if (url.pathname === '/api/v1/executions/flytesnacks/development') {
      if (url.searchParams.get('token') === 't2') return json(res, 200, { executions: [{ id: { project: 'flytesnacks', domain: 'development', name: 'e2' } }] });
      return json(res, 200, { executions: [{ id: { project: 'flytesnacks', domain: 'development', name: 'e1' } }], token: 't2' });
    }
    const name = url.pathname.split('/').pop()!;
    return json(res, 200, { node_executions: [node(name, 'n0', 'CACHE_POPULATED', 'wf.a', name === 'e1' ? '2024-05-01T10:00:00Z' : '2024-05-02T10:00:00Z')] });
  });
  try {
    const file = path.join(tempDir('fc-sync-'), 'store.sqlite');
    const r = await runAsync(['sync', '--endpoint', server.url, '--project', 'flytesnacks', '--domain', 'development', '--store', file]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(server.requests[0]!, /^\/api\/v1\/executions\/flytesnacks\/development\?sort_by.key=created_at&sort_by.direction=DESCENDING&limit=100$/);
    assert.deepEqual((await history(file)).map((e) => e.execution), ['flytesnacks/development/e1/n0', 'flytesnacks/development/e2/n0']);
  } finally {
    await server.close();
  }
});

test('sync reports an HTTP 500 with the server message and exits 2, storing nothing', async () => {
  const server = await admin((_url, res) => json(res, 500, { code: 13, message: 'database is down' }));
  try {
    const file = path.join(tempDir('fc-sync-'), 'store.sqlite');
    const r = await runAsync(['sync', '--endpoint', server.url, '--project', 'p', '--domain', 'd', '--execution', 'x', '--store', file]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/node_executions\/p\/d\/x\?limit=100 returned HTTP 500: database is down/);
    assert.equal(fs.existsSync(file), false);
  } finally {
    await server.close();
  }
});

test('sync gives up on a server that does not answer within --timeout', async () => {
  const server = await admin(() => undefined); // never answers
  try {
    const r = await runAsync(['sync', '--endpoint', server.url, '--project', 'p', '--domain', 'd', '--execution', 'x', '--timeout', '0.3', '--store', path.join(tempDir('fc-sync-'), 's.sqlite')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /timed out after 300 ms/);
  } finally {
    await server.close();
  }
});

test('sync: missing options and a bad endpoint are reported clearly', async () => {
  const missing = await runAsync(['sync', '--endpoint', 'http://127.0.0.1:1', '--project', 'p']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /sync needs --domain/);
  const bad = await runAsync(['sync', '--endpoint', 'localhost:30080', '--project', 'p', '--domain', 'd']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--endpoint must be/);
});

test('import-executions reads flytectl JSON (lowerCamelCase, zero values omitted)', async () => {
  const dir = tempDir('fc-import-exec-');
  const input = path.join(dir, 'nodes.json');
  fs.writeFileSync(
    input,
    JSON.stringify([
      {
        id: { nodeId: 'n0', executionId: { project: 'p', domain: 'd', name: 'e' } },
        closure: { phase: 'SUCCEEDED', startedAt: '2024-05-01T10:00:00Z', duration: '1.250s', taskNodeMetadata: { cacheStatus: 'CACHE_PUT_FAILURE', catalogKey: { datasetId: { name: 'flyte_task-wf.x', version: '7-aaaaaaaa-bbbbbbbb' } } } },
      },
    ]),
  );
  const file = path.join(dir, 'store.sqlite');
  const { spawnSync } = await import('node:child_process');
  const r = spawnSync(process.execPath, [cli, 'import-executions', input, '--store', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual((await history(file)).map((e) => [e.task, e.version, e.hash, e.status, e.durationMs]), [['wf.x', '7', null, 'put_failure', 1250]]);
  const broken = path.join(dir, 'broken.json');
  fs.writeFileSync(broken, '{');
  const bad = spawnSync(process.execPath, [cli, 'import-executions', broken, '--store', file], { encoding: 'utf8' });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /cannot read .*broken.json/);
});
