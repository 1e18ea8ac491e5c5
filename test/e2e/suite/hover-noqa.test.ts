// Hover shows the rule's docs; `# noqa` silences one line and the "Disable for this line" quick fix
// writes such a comment; a file nobody opened still lists its problem in the Problems panel.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { extensionApi, flyteDiagnostics } from './extension-api';
import { domTexts, fixtureUri, openFixture, screenshot, waitFor } from './helpers';

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('hover and noqa', () => {
  test('hovering an FC101 range shows the rule, its docs and a link to its page', async () => {
    await extensionApi();
    const uri = fixtureUri('noqa.py');
    await openFixture('noqa.py');
    const [diagnostic] = await waitFor('FC101 on noqa.py', () => {
      const found = flyteDiagnostics(uri, 'FC101');
      return found.length > 0 ? found : undefined;
    });
    const inside = diagnostic.range.start.translate(0, 2);
    const text = await waitFor('a flyte-cache hover', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, inside);
      const t = hoverText(hovers);
      return t.includes('FC101') ? t : undefined;
    });
    assert.match(text, /FC101 `cache-without-version`/);
    assert.match(text, /What it does/);
    assert.match(text, /If version is not defined then at least one cache policy needs to be set/);
    assert.match(text, /docs\/rules\/FC101\.md/);

    const outside = new vscode.Position(diagnostic.range.start.line + 1, 4); // the `def` line below
    const plain = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, outside);
    assert.ok(!hoverText(plain).includes('FC101'), 'no rule docs off the flagged range');
  });

  test('a `# noqa: FC101` line has no diagnostic while the same task without it has one', async () => {
    const uri = fixtureUri('noqa.py');
    const editor = await openFixture('noqa.py');
    const found = await waitFor('FC101 on noqa.py', () => {
      const d = flyteDiagnostics(uri, 'FC101');
      return d.length > 0 ? d : undefined;
    });
    assert.strictEqual(found.length, 1, 'only the task without a noqa comment is flagged');
    const lines = editor.document.getText().split('\n');
    assert.ok(lines.includes('@task(cache=True)  # noqa: FC101'), 'the silenced task is there');
    assert.strictEqual(found[0]!.range.start.line, lines.indexOf('@task(cache=True)'), 'the flagged one is the task without the comment');

    // "Disable FC101 for this line" appends the comment and the diagnostic goes away.
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', uri, found[0]!.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable FC101 for this line');
    assert.ok(disable?.edit, `offered: ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.ok(await vscode.workspace.applyEdit(disable.edit));
    assert.strictEqual(editor.document.lineAt(found[0]!.range.start.line).text, '@task(cache=True)  # noqa: FC101');
    await waitFor('no FC101 left in noqa.py', () => flyteDiagnostics(uri, 'FC101').length === 0);
  });

  test("a closed file's problem is in the Problems panel without opening it", async () => {
    await extensionApi();
    const uri = fixtureUri('closed/never_opened.py');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file is not open');
    const [diagnostic] = await waitFor('FC101 on never_opened.py', () => {
      const found = flyteDiagnostics(uri, 'FC101');
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(diagnostic.range.start.line, 4);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const rows = await waitFor('a never_opened.py row in the Problems panel', async () => {
      const texts = await domTexts('.markers-panel .monaco-list-row');
      return texts.some((t) => t.includes('never_opened.py')) ? texts : undefined;
    });
    assert.ok(rows.some((t) => t.includes('FC101')), JSON.stringify(rows));
    await screenshot('closed-file-problems');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'still not open');
  });
});
