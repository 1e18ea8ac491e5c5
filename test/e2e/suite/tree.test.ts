// The Flyte Cache explorer: import a genuine local cache (made with python3-diskcache) and
// see task -> version -> entry -> output rendered in the sidebar.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as vscode from 'vscode';
import type { TreeNode } from '../../../protocol/src/protocol';
import { extensionApi } from './extension-api';
import { domTexts, openFixture, screenshot, waitFor } from './helpers';

interface FixtureTools {
  cacheKey(task: string, version: string, inputs?: unknown): string;
  writeFlytekitCache(dir: string, entries: unknown[], options?: { walOnlyFrom?: number }): void;
}

// The extension host loads tests as CommonJS; the fixture tools are ESM.
const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<FixtureTools>;

async function makeCache(): Promise<string> {
  const root = path.resolve(__dirname, '../../../..');
  const tools = await importEsm(pathToFileURL(path.join(root, 'scripts', 'fixtures', 'flytekit-cache.mjs')).href);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-local-cache-'));
  tools.writeFlytekitCache(dir, [
    { key: tools.cacheKey('app.train', '1', { n: 1 }), outputs: { o0: { integer: 2 } }, storeTime: 1714560000 },
    { key: tools.cacheKey('app.train', '1', { n: 2 }), outputs: { o0: { integer: 4 } }, storeTime: 1714560060 },
    { key: tools.cacheKey('app.train', '2', { n: 2 }), outputs: { o0: { integer: 4 } }, storeTime: 1714570000 },
    { key: tools.cacheKey('app.evaluate', '1', { score: 4 }), outputs: { o0: { float: 0.04 } }, storeTime: 1714560100 },
  ], { walOnlyFrom: 3 });
  return dir;
}

suite('cache explorer', () => {
  test('imports a local cache and renders task -> version -> entry -> output', async () => {
    const api = await extensionApi();
    const cacheDir = await makeCache();
    await vscode.commands.executeCommand('workbench.view.extension.flyteCache');
    await waitFor('the Cache Entries view to be visible', () => api.treeView.visible);

    const result = await vscode.commands.executeCommand<{ imported: number; source: string } | undefined>(
      'flyteCache.importLocalCache', cacheDir);
    assert.ok(result, 'the import succeeded');
    assert.strictEqual(result.imported, 4, 'all four entries, including the one only in the WAL');

    const tasks = await waitFor('two tasks in the tree', async () => {
      const nodes = await api.tree.getChildren();
      return nodes.length === 2 ? nodes : undefined;
    });
    assert.deepStrictEqual(tasks.map((t) => t.label), ['app.evaluate', 'app.train']);
    const train = tasks[1]!;
    assert.strictEqual(train.description, '3 entries · 2 versions');
    // A task's first child is its History node (the import records each entry as populated).
    const [history, ...versions] = await api.tree.getChildren(train);
    assert.strictEqual(history?.kind, 'history');
    assert.deepStrictEqual(versions.map((v) => v.label), ['2', '1']);
    const entries: TreeNode[] = await api.tree.getChildren(versions[1]);
    assert.strictEqual(entries.length, 2);
    const outputs = await api.tree.getChildren(entries[0]);
    assert.deepStrictEqual(outputs.map((o) => [o.label, o.description]), [['o0', '4']]);

    // What the workbench really rendered in the sidebar.
    await waitFor('the task rows in the sidebar', async () => {
      const rows = await domTexts('.monaco-list-row');
      return rows.some((r) => r.includes('app.train')) && rows.some((r) => r.includes('app.evaluate'));
    });
    await api.treeView.reveal(entries[0]!, { expand: true, select: false, focus: false });
    await waitFor('an entry and its output rendered', async () => {
      const rows = await domTexts('.monaco-list-row');
      return rows.some((r) => r.includes(entries[0]!.label)) && rows.some((r) => r.includes('o0'));
    });

    // The README's picture: a diagnostic in the editor and Problems panel, the explorer open.
    const editor = await openFixture('app.py');
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('workbench.view.extension.flyteCache');
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await waitFor('the squiggle row in the Problems panel', async () =>
      (await domTexts('.markers-panel .monaco-list-row')).some((t) => t.includes('FC101')));
    const shot = await screenshot('workbench');
    console.log(`screenshot: ${shot ?? '(none requested)'}`);
  });
});
