// Drives `node dist/server.js --stdio` as an editor would (incremental sync, pull diagnostics) and
// times each one-line edit from didChange to the textDocument/diagnostic response.
import { performance } from 'node:perf_hooks';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { createProtocolConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-languageserver-protocol/node');

export async function lspLatency(serverJs, text, edits) {
  const server = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => null));
  connection.listen();
  const uri = 'file:///bench/pipeline.py';
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  await connection.sendNotification('initialized', {});
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });

  // Edit the body line of task i: `    y = x * N + seed` -> a different multiplier, then back.
  const lines = text.split('\n');
  const bodyLines = [];
  lines.forEach((l, i) => l.startsWith('    y = x * ') && bodyLines.push(i));
  const latencies = [];
  let version = 1;
  for (let k = 0; k < edits; k++) {
    const line = bodyLines[(k * 37) % bodyLines.length];
    const character = '    y = x * '.length;
    const old = /^\d+/.exec(lines[line].slice(character))[0];
    const next = String((Number(old) % 9) + 2);
    lines[line] = lines[line].slice(0, character) + next + lines[line].slice(character + old.length);
    const start = performance.now();
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: ++version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + old.length } }, text: next }],
    });
    await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    latencies.push(performance.now() - start);
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  server.kill();
  return latencies;
}
