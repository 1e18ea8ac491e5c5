// The bundled language server as another editor would run it: `node dist/server.js --stdio`,
// with incremental text sync, pulled diagnostics, code actions and the bump command.
import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  ApplyWorkspaceEditParams,
  CodeAction,
  createProtocolConnection,
  Diagnostic,
  DocumentDiagnosticReport,
  ProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  TextEdit,
} from 'vscode-languageserver-protocol/node';

const root = path.resolve(__dirname, '../../../..');
const uri = 'file:///work/project/train.py';
const text = `from flytekit import task


@task(cache=True)
def train(n: int) -> int:
    return n


@task(cache=True, cache_version="1.0")
def evaluate(n: int) -> int:
    return n
`;

describe('language server over stdio', () => {
  let server: ChildProcess;
  let connection: ProtocolConnection;
  const applied: ApplyWorkspaceEditParams[] = [];

  before(async () => {
    server = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      applied.push(params);
      return { applied: true };
    });
    connection.listen();
    const init = await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    assert.ok((init as { capabilities: { diagnosticProvider?: unknown } }).capabilities.diagnosticProvider);
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  });

  after(async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    server.kill();
  });

  const diagnostics = async (): Promise<Diagnostic[]> => {
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    return report.kind === 'full' ? report.items : [];
  };

  it('pulls FC101 with its code, docs link and range', async () => {
    const [d, ...rest] = await diagnostics();
    assert.equal(rest.length, 0);
    assert.equal(d!.code, 'FC101');
    assert.equal(d!.source, 'flyte-cache');
    assert.match(d!.codeDescription!.href, /docs\/rules\/FC101\.md$/);
    assert.deepEqual(d!.range, { start: { line: 3, character: 6 }, end: { line: 3, character: 16 } });
  });

  it('offers the quick fix from the diagnostic and fix-all as a source action', async () => {
    const [d] = await diagnostics();
    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d!.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    assert.deepEqual(actions.map((a) => a.title), ['Add `cache_version="1"`', 'Disable FC101 for this line']);
    assert.deepEqual(actions[0]!.edit!.changes![uri], [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 16 } }, newText: ', cache_version="1"' }]);

    const fixAll = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.flyteCache'] },
    })) as CodeAction[];
    assert.equal(fixAll.length, 1);
    assert.equal(fixAll[0]!.kind, 'source.fixAll.flyteCache');
  });

  it('follows incremental edits: typing a version makes FC101 go away', async () => {
    // Insert `, cache_version="2"` after `cache=True` on line 4 (0-based line 3), in two keystrokes.
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 3, character: 16 }, end: { line: 3, character: 16 } }, text: ', cache_vers' }],
    });
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line: 3, character: 28 }, end: { line: 3, character: 28 } }, text: 'ion="2"' }],
    });
    assert.deepEqual(await diagnostics(), []);
  });

  it('bumps the version of the task at a position through workspace/applyEdit', async () => {
    const result = (await connection.sendRequest('workspace/executeCommand', {
      command: 'flyteCache.server.bumpVersion',
      arguments: [uri, { line: 9, character: 4 }],
    })) as { applied: boolean; title: string };
    assert.equal(result.applied, true);
    assert.match(result.title, /"1\.1"/);
    const edits = applied.at(-1)!.edit.changes![uri] as TextEdit[];
    // The literal's content is replaced, quotes kept.
    assert.deepEqual(edits, [{ range: { start: { line: 8, character: 33 }, end: { line: 8, character: 36 } }, newText: '1.1' }]);
  });

  it('answers with a reason when there is nothing to bump', async () => {
    const result = (await connection.sendRequest('workspace/executeCommand', {
      command: 'flyteCache.server.bumpVersion',
      arguments: [uri, { line: 0, character: 0 }],
    })) as { applied: boolean; reason: string };
    assert.equal(result.applied, false);
    assert.match(result.reason, /No Flyte task/);
  });
});
