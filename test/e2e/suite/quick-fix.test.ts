// Quick fixes offered by the server, applied through the editor's own quick-fix command.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, flyteDiagnostics } from './extension-api';
import { domTexts, fixtureUri, openFixture, waitFor } from './helpers';

async function diagnosticsOf(uri: vscode.Uri, code: string): Promise<vscode.Diagnostic[]> {
  return waitFor(`${code} on ${uri.path}`, () => {
    const found = flyteDiagnostics(uri, code);
    return found.length > 0 ? found : undefined;
  });
}

suite('quick fixes', () => {
  test('the FC101 fix adds cache_version and the problem disappears from the Problems panel', async () => {
    await extensionApi();
    const uri = fixtureUri('fixes.py');
    const editor = await openFixture('fixes.py');
    const [diagnostic] = await diagnosticsOf(uri, 'FC101');
    assert.strictEqual(editor.document.getText(diagnostic.range), 'cache=True');

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes('Add `cache_version="1"`'), `offered: ${JSON.stringify(titles)}`);

    // The editor's "auto fix" applies the preferred quick fix at the cursor, as a user's Ctrl+. would.
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    await vscode.commands.executeCommand('editor.action.autoFix');
    await waitFor('the fix to be applied', () => editor.document.getText().includes('@task(cache=True, cache_version="1")'));
    await waitFor('FC101 to go away', () => flyteDiagnostics(uri, 'FC101').length === 0);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await waitFor('no FC101 row for fixes.py in the Problems panel', async () => {
      const rows = await domTexts('.markers-panel .monaco-list-row');
      return !rows.some((t) => t.includes('FC101') && t.includes('prepare')) && rows.some((t) => t.includes('FC106'));
    });
  });

  test('the FC106 fix turns cache_policy into cache=Cache(policies=...) and imports Cache', async () => {
    const uri = fixtureUri('fixes.py');
    const editor = await openFixture('fixes.py');
    const [diagnostic] = await diagnosticsOf(uri, 'FC106');
    assert.match(diagnostic.message, /Unrecognized argument\(s\) for task: dict_keys\(\['cache_policy'\]\)/);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title.includes('Cache(policies='));
    assert.ok(fix?.edit, `a Cache(policies=...) fix is offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = editor.document.getText();
    assert.match(text, /@task\(cache=Cache\(policies=ByInputsPolicy\(\)\)\)/);
    assert.match(text, /^from flytekit import Cache, task$|^from flytekit import task, Cache$|^from flytekit import Cache$/m);
    await waitFor('no flyte-cache problem left in fixes.py', () => flyteDiagnostics(uri).length === 0);
  });
});
