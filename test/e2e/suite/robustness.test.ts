// Broken and half-typed code: no diagnostics on the broken parts, and the server keeps serving.
import * as assert from 'assert';
import { extensionApi, flyteDiagnostics } from './extension-api';
import { fixtureUri, openFixture, waitFor } from './helpers';

suite('robustness', () => {
  test('a file full of syntax errors gets no flyte-cache diagnostics and the server survives', async () => {
    const api = await extensionApi();
    const broken = fixtureUri('broken.py');
    await openFixture('broken.py');
    // Type more garbage, one edit at a time, as a user would.
    const editor = await openFixture('broken.py');
    for (const chunk of ['@task(', 'cache=', 'Cache(', 'version=', '"1', ')))(((', '\n@fk.task(cache_policy=']) {
      await editor.edit((b) => b.insert(editor.document.lineAt(editor.document.lineCount - 1).range.end, chunk));
    }
    // The server still answers: a valid file edited now gets its diagnostic.
    const app = fixtureUri('app.py');
    const appEditor = await openFixture('app.py');
    await waitFor('FC101 on app.py', () => flyteDiagnostics(app, 'FC101').length === 1);
    const end = appEditor.document.lineAt(appEditor.document.lineCount - 1).range.end;
    await appEditor.edit((b) => b.insert(end, '\n\n@task(cache=True)\ndef extra(n: int) -> int:\n    return n\n'));
    await waitFor('a second FC101 after the edit', () => flyteDiagnostics(app, 'FC101').length === 2);
    assert.ok(api.client.isRunning(), 'the language client is still running');
    assert.deepStrictEqual(flyteDiagnostics(broken), []);
  });
});
