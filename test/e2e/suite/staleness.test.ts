// FC401 against a real git baseline: a committed cached task whose body is edited in the editor is
// flagged, the quick fix bumps its version, "Bump cache versions of all changed tasks" does the same,
// and committing the edit makes the warning go away without touching the document.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { extensionApi, flyteDiagnostics } from './extension-api';
import { fixtureUri, waitFor } from './helpers';

const COMMITTED = `from flytekit import task


@task(cache=True, cache_version="1.0")
def train(epochs: int) -> float:
    """Fits the model."""
    return epochs * 0.1
`;

/** The workspace copy is not a repository; the test makes a nested one holding stale.py only. */
function git(dir: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-C', dir, ...args]);
}

async function replaceAll(editor: vscode.TextEditor, from: string, to: string): Promise<void> {
  const text = editor.document.getText();
  const start = text.indexOf(from);
  assert.ok(start >= 0, `${from} is in the document`);
  const range = new vscode.Range(editor.document.positionAt(start), editor.document.positionAt(start + from.length));
  assert.ok(await editor.edit((edit) => edit.replace(range, to)));
}

suite('staleness against git', () => {
  let uri: vscode.Uri;
  let editor: vscode.TextEditor;

  suiteSetup(async () => {
    await extensionApi();
    const dir = fixtureUri('staleness');
    fs.mkdirSync(dir.fsPath, { recursive: true });
    fs.writeFileSync(vscode.Uri.joinPath(dir, 'stale.py').fsPath, COMMITTED);
    git(dir.fsPath, 'init', '-q');
    git(dir.fsPath, 'add', 'stale.py');
    git(dir.fsPath, 'commit', '-q', '-m', 'train');
    uri = vscode.Uri.joinPath(dir, 'stale.py');
    editor = await vscode.window.showTextDocument(uri, { preview: false });
  });

  test('editing the body of a committed cached task flags FC401; the quick fix bumps the version', async () => {
    await replaceAll(editor, 'epochs * 0.1', 'epochs * 0.01');
    await waitFor('FC401 on stale.py', () => flyteDiagnostics(uri, 'FC401').length === 1);
    // Back to the committed body plus a comment and a blank line: not a change.
    await replaceAll(editor, '    return epochs * 0.01', '    # scale down\n\n    return epochs * 0.1');
    await waitFor('FC401 to go away for a comment-only edit', () => flyteDiagnostics(uri, 'FC401').length === 0);

    await replaceAll(editor, 'epochs * 0.1', 'epochs * 0.01');
    const [diagnostic] = await waitFor('FC401 on stale.py', () => {
      const found = flyteDiagnostics(uri, 'FC401');
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(editor.document.getText(diagnostic.range), '"1.0"');
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(diagnostic.message, /^The body of `train` changed since HEAD but its cache version is still "1\.0"/);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => a.title === 'Bump cache version to "1.1"');
    assert.ok(fix?.edit, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.match(editor.document.getText(), /cache_version="1\.1"/);
    await waitFor('FC401 to go away', () => flyteDiagnostics(uri, 'FC401').length === 0);
  });

  test('"Bump cache versions of all changed tasks" is a source action', async () => {
    await replaceAll(editor, 'cache_version="1.1"', 'cache_version="1.0"');
    await waitFor('FC401 again', () => flyteDiagnostics(uri, 'FC401').length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, new vscode.Range(0, 0, 0, 0), 'source.flyteCache.bumpChanged');
    const bump = actions.find((a) => a.title === 'Bump cache versions of all changed tasks');
    assert.ok(bump?.edit, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(bump.edit));
    assert.match(editor.document.getText(), /cache_version="1\.1"/);
    await waitFor('FC401 to go away', () => flyteDiagnostics(uri, 'FC401').length === 0);
  });

  test('committing the edit moves the baseline: FC401 goes away without an edit', async () => {
    await replaceAll(editor, 'cache_version="1.1"', 'cache_version="1.0"');
    await waitFor('FC401 again', () => flyteDiagnostics(uri, 'FC401').length === 1);
    assert.ok(await editor.document.save());
    git(fixtureUri('staleness').fsPath, 'commit', '-q', '-am', 'tune');
    await waitFor('FC401 to go away after the commit', () => flyteDiagnostics(uri, 'FC401').length === 0, 20_000);
  });
});
