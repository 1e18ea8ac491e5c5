// The extension activates on a flytekit file and its language server reports FC101,
// both through the vscode API and in the Problems panel the workbench really renders.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { domTexts, fixtureUri, openFixture, screenshot, waitFor } from './helpers';

const EXTENSION_ID = 'flyte-cache-inspector.flyte-cache-inspector';

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

function fc101(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'flyte-cache' && codeOf(d) === 'FC101');
}

suite('activation', () => {
  test('opening app.py activates the extension', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is loaded in the extension host`);
    const editor = await openFixture('app.py');
    assert.strictEqual(editor.document.languageId, 'python');
    await waitFor(`${EXTENSION_ID} to activate`, () => ext.isActive);
  });

  test('FC101 shows up in getDiagnostics and in the Problems panel', async () => {
    const uri = fixtureUri('app.py');
    const editor = await openFixture('app.py');
    const [diagnostic] = await waitFor('an FC101 diagnostic on app.py', () => {
      const found = fc101(uri);
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(fc101(uri).length, 1, 'only train() lacks a version');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(diagnostic.range.start.line, 4, 'reported on the @task(cache=True) line of train()');
    assert.match(editor.document.getText(diagnostic.range), /cache=True/);

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const rows = await waitFor('an FC101 row in the Problems panel', async () => {
      const texts = await domTexts('.markers-panel .monaco-list-row');
      return texts.some((t) => t.includes('flyte-cache') && t.includes('FC101')) ? texts : undefined;
    });
    assert.ok(rows.some((t) => t.includes('app.py')), `the file row is shown: ${JSON.stringify(rows)}`);

    editor.selection = new vscode.Selection(0, 0, 0, 0); // keep the cursor off the squiggle
    await screenshot('activation');
  });
});
