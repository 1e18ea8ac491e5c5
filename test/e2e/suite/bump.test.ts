// The "Bump cache version" command on the task under the cursor, and the code action.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi } from './extension-api';
import { openFixture, waitFor } from './helpers';

function cursorOn(editor: vscode.TextEditor, needle: string): void {
  const offset = editor.document.getText().indexOf(needle);
  assert.ok(offset >= 0, `${needle} is in the file`);
  const position = editor.document.positionAt(offset);
  editor.selection = new vscode.Selection(position, position);
}

suite('bump cache version', () => {
  test('the command bumps the literal version of the task at the cursor', async () => {
    await extensionApi();
    const editor = await openFixture('bump.py');
    cursorOn(editor, 'def train');
    await waitFor('the server to know the tasks', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider', editor.document.uri, editor.selection);
      return actions.some((a) => a.title.startsWith('Bump cache version'));
    });
    const result = await vscode.commands.executeCommand<{ applied: boolean }>('flyteCache.bumpVersion');
    assert.ok(result?.applied, `the edit was applied: ${JSON.stringify(result)}`);
    await waitFor('"1.0" to become "1.1"', () => editor.document.getText().includes('cache_version="1.1"'));
    assert.ok(!editor.document.getText().includes('cache_version="1.0"'));
  });

  test('a version held in a module constant is bumped at its definition', async () => {
    const editor = await openFixture('bump.py');
    cursorOn(editor, 'def more_features');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', editor.document.uri, editor.selection);
    const bump = actions.find((a) => a.title.startsWith('Bump cache version'));
    assert.ok(bump?.edit, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.match(bump.title, /"v010"/);
    assert.match(bump.title, /features/);
    assert.ok(await vscode.workspace.applyEdit(bump.edit));
    assert.match(editor.document.getText(), /^FEATURES_VERSION = "v010"$/m);
  });
});
