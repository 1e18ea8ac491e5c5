// `"editor.codeActionsOnSave": {"source.fixAll.flyteCache": "explicit"}`: saving applies every safe fix.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, flyteDiagnostics } from './extension-api';
import { fixtureUri, openFixture, waitFor } from './helpers';

suite('fix-all on save', () => {
  const setting = () => vscode.workspace.getConfiguration('editor', { languageId: 'python' });

  suiteTeardown(async () => {
    await setting().update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
  });

  test('saving the file fixes FC101 and FC106 at once', async () => {
    await extensionApi();
    await setting().update('codeActionsOnSave', { 'source.fixAll.flyteCache': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const uri = fixtureUri('save_fix.py');
    const editor = await openFixture('save_fix.py');
    await waitFor('FC101 and FC106 on save_fix.py', () => {
      const codes = flyteDiagnostics(uri).map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
      return codes.includes('FC101') && codes.includes('FC106');
    });
    // Make the document dirty the way a user would, then save with the workbench's own command.
    await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
    await vscode.commands.executeCommand('workbench.action.files.save');
    await waitFor('the saved file to hold both fixes', () => !editor.document.isDirty && editor.document.getText().includes('cache_version="1"'));
    const text = editor.document.getText();
    assert.match(text, /@task\(cache=True, cache_version="1"\)\ndef load/);
    assert.match(text, /@task\(cache=Cache\(policies=ByInputs\(\)\)\)\ndef transform/);
    assert.match(text, /^from flytekit import .*\bCache\b/m);
    await waitFor('no flyte-cache problem left', () => flyteDiagnostics(uri).length === 0);
  });
});
