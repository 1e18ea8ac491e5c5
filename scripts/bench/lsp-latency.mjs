// Drives `node dist/server.js --stdio` as an editor would (incremental sync, pull diagnostics) and
// times each one-line edit from didChange to the textDocument/diagnostic response.
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export async function lspLatency(serverJs, text, edits) {
  // A store of its own: the user's is neither read nor written by a benchmark.
  const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'flyte-cache-bench-lsp-'));
  const server = spawn(process.execPath, [serverJs, '--stdio'], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, FLYTE_CACHE_STORE: path.join(storeDir, 'store.sqlite') },
  });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.listen();
  const uri = 'file:///bench/pipeline.py';
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  // The server opens its store (sql.js) on start-up: the explorer's first answer says it is done,
  // so edits are timed as a user typing in a running editor meets them, not racing the start-up.
  await connection.sendRequest('flyteCache/treeChildren', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

  // One-line edits in task bodies, of the kinds a user types: a number changed, an expression
  // grown and shrunk again, a comment added and removed. Each is a single didChange.
  const lines = text.split('\n');
  const bodyLines = [];
  lines.forEach((l, i) => l.startsWith('    y = x * ') && bodyLines.push(i));
  const latencies = [];
  let version = 1;
  for (let k = 0; k < edits; k++) {
    const line = bodyLines[(k * 37) % bodyLines.length];
    const current = lines[line];
    let change;
    switch (k % 3) {
      case 0: {
        const character = '    y = x * '.length;
        const old = /^\d+/.exec(current.slice(character))[0];
        change = { from: character, to: character + old.length, text: String((Number(old) % 9) + 2) };
        break;
      }
      case 1: {
        const grown = current.endsWith(' + offset');
        change = grown
          ? { from: current.length - ' + offset'.length, to: current.length, text: '' }
          : { from: current.length, to: current.length, text: ' + offset' };
        break;
      }
      default: {
        const at = current.indexOf('  # tuned');
        change = at >= 0 ? { from: at, to: current.length, text: '' } : { from: current.length, to: current.length, text: '  # tuned' };
      }
    }
    lines[line] = current.slice(0, change.from) + change.text + current.slice(change.to);
    const start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character: change.from }, end: { line, character: change.to } }, text: change.text }],
    });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    latencies.push(performance.now() - start);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
  fs.rmSync(storeDir, { recursive: true, force: true });
  return latencies;
}
