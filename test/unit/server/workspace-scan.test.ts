// The bundled server over stdio in a temporary workspace: closed files' problems are pushed after a
// scan with progress, opening a file hands it over to pull, closing or editing it on disk pushes
// again, pyproject.toml changes re-check everything; hover shows the rule's docs; `# noqa` and the
// "Disable for this line" quick fix.
import { strict as assert } from 'node:assert';
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import {
  CodeAction,
  createProtocolConnection,
  Diagnostic,
  DocumentDiagnosticReport,
  Hover,
  MarkupContent,
  ProtocolConnection,
  PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from 'vscode-languageserver-protocol/node';

const root = path.resolve(__dirname, '../../../..');
const FC101_TASK = 'from flytekit import task\n\n\n@task(cache=True)\ndef train(n: int) -> int:\n    return n\n';

describe('workspace scan, hover and noqa over stdio', () => {
  let server: ChildProcess;
  let connection: ProtocolConnection;
  let ws: string;
  const published = new Map<string, Diagnostic[]>();
  const progress: string[] = [];
  const messages: string[] = [];
  let waiters: (() => void)[] = [];
  const fileUri = (rel: string) => pathToFileURL(path.join(ws, ...rel.split('/'))).href;
  const write = async (rel: string, text: string) => {
    const file = path.join(ws, ...rel.split('/'));
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
  };

  /** Resolves once `probe` holds, re-checked after every notification from the server. */
  const until = (what: string, probe: () => boolean, timeoutMs = 10_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; published: ${JSON.stringify([...published])}; progress: ${JSON.stringify(progress)}`)), timeoutMs);
      const check = (): void => {
        if (!probe()) {
          waiters.push(check);
          return;
        }
        clearTimeout(timer);
        resolve();
      };
      check();
    });
  const wake = () => {
    const current = waiters;
    waiters = [];
    for (const w of current) w();
  };
  const codes = (uri: string) => published.get(uri)?.map((d) => d.code);

  before(async () => {
    ws = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flyte-cache-ws-')));
    await write('pyproject.toml', '[tool.flyte-cache]\nexclude = ["generated"]\n');
    await write('pipelines/closed.py', FC101_TASK);
    await write('pipelines/silenced.py', FC101_TASK.replace('@task(cache=True)', '@task(cache=True)  # noqa: FC101'));
    await write('pipelines/plain.py', 'def train(n):\n    return n\n');
    await write('generated/gen.py', FC101_TASK);
    await write('.venv/lib/site.py', FC101_TASK);
    await write('node_modules/pkg/x.py', FC101_TASK);

    server = spawn(process.execPath, [path.join(root, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    connection = createProtocolConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      published.set(params.uri, params.diagnostics);
      wake();
    });
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/diagnostic/refresh', () => null);
    connection.onRequest('client/registerCapability', () => null);
    connection.onNotification('$/progress', (params: { value: { kind: string; message?: string } }) => {
      progress.push(`${params.value.kind}${params.value.message ? ` ${params.value.message}` : ''}`);
      wake();
    });
    connection.onNotification('window/showMessage', () => undefined);
    connection.onRequest('window/showMessageRequest', (params: { message: string }) => {
      messages.push(params.message);
      wake();
      return null;
    });
    connection.onNotification('window/logMessage', () => undefined);
    connection.onNotification('flyteCache/status', () => undefined);
    connection.listen();
    const folder = pathToFileURL(ws).href;
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: folder,
      workspaceFolders: [{ uri: folder, name: 'ws' }],
      capabilities: { window: { workDoneProgress: true }, workspace: { workspaceFolders: true } },
    })) as { capabilities: { hoverProvider?: boolean } };
    assert.equal(init.capabilities.hoverProvider, true);
    await connection.sendNotification('initialized', {});
  });

  after(async () => {
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    connection.dispose();
    server.kill();
    await fs.rm(ws, { recursive: true, force: true });
  });

  it('publishes problems of files never opened, with progress, skipping excluded, silenced and tool folders', async () => {
    await until('the first scan to end', () => progress.includes('end'));
    assert.deepEqual(codes(fileUri('pipelines/closed.py')), ['FC101']);
    assert.deepEqual([...published.keys()], [fileUri('pipelines/closed.py')], 'gen.py is excluded, silenced.py has # noqa, .venv and node_modules are skipped');
    assert.equal(progress[0], 'begin Checking Flyte tasks: 0/3 files', 'closed, plain and silenced; generated/ is excluded');
    assert.ok(progress.includes('report Checking Flyte tasks: 3/3 files'), JSON.stringify(progress));
  });

  it('hands an opened file over to pull, with hover and the noqa quick fix', async () => {
    const uri = fileUri('pipelines/closed.py');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: FC101_TASK } });
    await until('the pushed diagnostics to be cleared', () => published.get(uri)?.length === 0);
    const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    const [d] = report.kind === 'full' ? report.items : [];
    assert.equal(d?.code, 'FC101');

    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 8 } })) as Hover;
    const markdown = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(markdown, /^### FC101 `cache-without-version`/);
    assert.match(markdown, /#### What it does/);
    assert.match(markdown, /\(https:\/\/\S+\/docs\/rules\/FC101\.md\)/);
    assert.deepEqual(hover.range, d!.range);
    assert.equal(await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 6 } }), null);

    const actions = (await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: d!.range,
      context: { diagnostics: [d], only: ['quickfix'] },
    })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable FC101 for this line');
    assert.ok(disable, JSON.stringify(actions.map((a) => a.title)));
    assert.deepEqual(disable.edit?.changes?.[uri], [{ range: { start: { line: 3, character: 17 }, end: { line: 3, character: 17 } }, newText: '  # noqa: FC101' }]);
  });

  it('pushes again from disk when the file closes', async () => {
    const uri = fileUri('pipelines/closed.py');
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await until('FC101 pushed again', () => codes(uri)?.[0] === 'FC101');
  });

  it('follows changes on disk: a fixed file is cleared, a new file is checked, a deleted one cleared', async () => {
    const closed = fileUri('pipelines/closed.py');
    await write('pipelines/closed.py', FC101_TASK.replace('cache=True', 'cache=True, cache_version="1"'));
    await write('pipelines/added.py', FC101_TASK);
    await connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: closed, type: 2 }, { uri: fileUri('pipelines/added.py'), type: 1 }],
    });
    await until('closed.py cleared and added.py flagged', () => codes(closed)?.length === 0 && codes(fileUri('pipelines/added.py'))?.[0] === 'FC101');
    await fs.rm(path.join(ws, 'pipelines', 'added.py'));
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('pipelines/added.py'), type: 3 }] });
    await until('added.py cleared', () => codes(fileUri('pipelines/added.py'))?.length === 0);
  });

  it('re-checks everything when pyproject.toml changes', async () => {
    const gen = fileUri('generated/gen.py');
    assert.equal(published.has(gen), false);
    await write('pyproject.toml', '[tool.flyte-cache]\nexclude = []\n');
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('pyproject.toml'), type: 2 }] });
    await until('gen.py, no longer excluded, to be flagged', () => codes(gen)?.[0] === 'FC101');
    await write('pyproject.toml', '[tool.flyte-cache]\nignore = ["FC1"]\n');
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('pyproject.toml'), type: 2 }] });
    await until('FC1 ignored: gen.py cleared', () => codes(gen)?.length === 0);
    await write('pyproject.toml', '[tool.flyte-cache]\n');
    await connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri('pyproject.toml'), type: 2 }] });
    await until('gen.py flagged again', () => codes(gen)?.[0] === 'FC101');
  });

  it('leaves files over flyteCache.maxFileSize unparsed, says so once, and checks them again when they shrink', async () => {
    // The default limit (2 MB) applies: this client has no workspace/configuration.
    const huge = `${FC101_TASK}${'# filler line of a generated module, long enough to be huge quickly\n'.repeat(33_000)}`;
    assert.ok(huge.length > 2 * 1024 * 1024);
    const uri = fileUri('pipelines/huge.py');
    await write('pipelines/huge.py', huge);
    await write('pipelines/small.py', FC101_TASK);
    await connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri, type: 1 }, { uri: fileUri('pipelines/small.py'), type: 1 }],
    });
    await until('small.py checked', () => codes(fileUri('pipelines/small.py'))?.[0] === 'FC101');
    assert.equal(published.has(uri), false, 'the scan does not read huge.py');

    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: huge } });
    const pull = async () => {
      const report = (await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as DocumentDiagnosticReport;
      return report.kind === 'full' ? report.items.map((d) => d.code) : [];
    };
    assert.deepEqual(await pull(), []);
    await until('the user to be told', () => messages.some((m) => m.includes('huge.py')));
    assert.match(messages.find((m) => m.includes('huge.py'))!, /^Flyte Cache does not check huge\.py: it is 2\.\d MB, larger than the flyteCache\.maxFileSize setting \(2\.0 MB\)\.$/);
    assert.deepEqual(await pull(), []);
    assert.equal(messages.filter((m) => m.includes('huge.py')).length, 1, 'said once');

    // Deleting the filler (an incremental edit) brings the file under the limit: it is parsed and checked.
    const fillerStart = FC101_TASK.split('\n').length - 1;
    await connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: fillerStart, character: 0 }, end: { line: fillerStart + 33_000, character: 0 } }, text: '' }],
    });
    assert.deepEqual(await pull(), ['FC101']);
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  });
});
