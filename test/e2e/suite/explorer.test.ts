// The explorer joined with code and history: a genuine local cache whose task names match
// explorer_tasks.py, history imported with the real CLI (`flyte-cache import-executions`), then
// hit rates, current/orphaned versions, the detail panel, CodeLens and code ↔ tree navigation.
// Uses its own store and cache folder (settings), so tree.test.ts still sees only its own tasks.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as vscode from 'vscode';
import type { TaskDetailsRequest, TreeNode } from '../../../protocol/src/protocol';
import { extensionApi } from './extension-api';
import { fixtureUri, openFixture, screenshot, waitFor } from './helpers';

interface FixtureTools {
  cacheKey(task: string, version: string, inputs?: unknown): string;
  writeFlytekitCache(dir: string, entries: unknown[], options?: { walOnlyFrom?: number }): void;
}

const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<FixtureTools>;
const root = path.resolve(__dirname, '../../../..');
const TRAIN = 'explorer_tasks.train_model';
const EVALUATE = 'explorer_tasks.evaluate_model';

/** A Flyte Admin node execution (REST JSON) with a cache status for `task`. */
function nodeExecution(nodeId: string, status: string, task: string, version: string, hash: string, started: string, duration: string) {
  return {
    id: { node_id: nodeId, execution_id: { project: 'p', domain: 'development', name: `exec-${nodeId}` } },
    closure: {
      phase: 'SUCCEEDED',
      started_at: started,
      duration,
      task_node_metadata: {
        cache_status: status,
        catalog_key: {
          dataset_id: { resource_type: 'DATASET', project: 'p', domain: 'development', name: `flyte_task-${task}`, version },
          artifact_tag: { artifact_id: `art-${nodeId}`, name: `flyte_cached-${hash}` },
        },
      },
    },
  };
}

suite('cache explorer with code and history', () => {
  const config = () => vscode.workspace.getConfiguration('flyteCache');

  suiteTeardown(async () => {
    // The cache folder first: the other way round, the default store could import it meanwhile.
    await config().update('localCache.path', undefined, vscode.ConfigurationTarget.Global);
    await config().update('store.path', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('flyteCache.clearFilter');
    await vscode.commands.executeCommand('flyteCache.sort', 'name');
  });

  test('hit rates, orphaned versions, details panel, CodeLens and navigation', async () => {
    const api = await extensionApi();
    const tools = await importEsm(pathToFileURL(path.join(root, 'scripts', 'fixtures', 'flytekit-cache.mjs')).href);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-explorer-'));
    const cacheDir = path.join(tmp, 'local-cache');
    const storeFile = path.join(tmp, 'store.sqlite');
    tools.writeFlytekitCache(cacheDir, [
      { key: tools.cacheKey(TRAIN, '1', { n: 1 }), outputs: { o0: { integer: 2 } }, storeTime: 1714560000 },
      { key: tools.cacheKey(TRAIN, '2', { n: 1 }), outputs: { o0: { integer: 2 } }, storeTime: 1714570000 },
      { key: tools.cacheKey(TRAIN, '2', { n: 5 }), outputs: { o0: { integer: 10 } }, storeTime: 1714570100 },
      { key: tools.cacheKey(EVALUATE, '1', { score: 4 }), outputs: { o0: { float: 0.04 } }, storeTime: 1714560100 },
    ]);
    await config().update('store.path', storeFile, vscode.ConfigurationTarget.Global);
    await config().update('localCache.path', cacheDir, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.flyteCache');

    // The server switches stores when it sees the new setting; import until the answer says it did.
    const imported = await waitFor('an import into the test store', async () => {
      const r = await vscode.commands.executeCommand<{ imported: number; storePath: string } | undefined>('flyteCache.importLocalCache', cacheDir);
      return r?.storePath === storeFile ? r : undefined;
    });
    assert.strictEqual(imported.imported, 4);

    // History through the real CLI into the same store, then a refresh re-reads it.
    const executions = path.join(tmp, 'executions.json');
    fs.writeFileSync(executions, JSON.stringify({ node_executions: [
      nodeExecution('n0', 'CACHE_POPULATED', TRAIN, '2', 'a'.repeat(32), '2024-05-01T10:00:00Z', '2.5s'),
      nodeExecution('n1', 'CACHE_HIT', TRAIN, '2', 'a'.repeat(32), '2024-05-01T11:00:00Z', '0.1s'),
      nodeExecution('n2', 'CACHE_HIT', TRAIN, '2', 'a'.repeat(32), '2024-05-01T12:00:00Z', '0.1s'),
      nodeExecution('n3', 'CACHE_MISS', TRAIN, '2', 'b'.repeat(32), '2024-05-01T13:00:00Z', '3s'),
    ] }));
    const cliOut = execFileSync(process.execPath, [path.join(root, 'dist', 'cli.js'), 'import-executions', executions, '--store', storeFile],
      { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, encoding: 'utf8' });
    console.log(`cli: ${cliOut.trim()}`);
    await vscode.commands.executeCommand('flyteCache.refresh');

    const train = await waitFor('the hit rate on the train_model row', async () =>
      (await api.tree.getChildren()).find((n) => n.task === TRAIN && n.description === '3 entries · 67% hits'));
    assert.ok(train.location, 'train_model is found in explorer_tasks.py');
    assert.strictEqual(vscode.Uri.parse(train.location.uri).fsPath, fixtureUri('explorer_tasks.py').fsPath);
    const children = await api.tree.getChildren(train);
    assert.deepStrictEqual(children.map((c) => [c.kind, c.label, c.versionState]), [
      ['history', 'History', undefined],
      ['version', '2', 'current'],
      ['version', '1', 'orphaned'],
    ]);
    assert.match(children[2]!.description ?? '', /orphaned/);
    // The import itself records each entry as `populated` (source local); the CLI added the remote lookups.
    const events = await api.tree.getChildren(children[0]);
    const remote = events.filter((e) => e.description?.includes('remote')).map((e) => e.description?.split(' · ')[0]);
    assert.deepStrictEqual(remote, ['miss', 'hit', 'hit', 'populated'], 'newest first');
    assert.ok(events.some((e) => e.icon === 'pass-filled') && events.some((e) => e.icon === 'circle-large-outline'), 'hit and miss icons');

    // Filter and sort are done by the server; the view's description says what applies.
    await vscode.commands.executeCommand('flyteCache.filter', 'evaluate');
    assert.deepStrictEqual((await api.tree.getChildren()).map((n) => n.task), [EVALUATE]);
    assert.strictEqual(api.treeView.description, 'filter: evaluate');
    await vscode.commands.executeCommand('flyteCache.filter', 'no-such-task');
    assert.deepStrictEqual(await api.tree.getChildren(), []);
    await waitFor('the empty-filter message', () => api.treeView.message === 'No cached task matches "no-such-task".');
    await vscode.commands.executeCommand('flyteCache.clearFilter');
    await vscode.commands.executeCommand('flyteCache.sort', 'recency');
    assert.deepStrictEqual((await api.tree.getChildren()).map((n) => n.task), [TRAIN, EVALUATE], 'train_model has the newest events');
    await vscode.commands.executeCommand('flyteCache.sort', 'size');
    assert.strictEqual(api.treeView.description, 'by size');
    await vscode.commands.executeCommand('flyteCache.sort', 'name');
    assert.deepStrictEqual((await api.tree.getChildren()).map((n) => n.task), [EVALUATE, TRAIN]);

    // The detail panel: one request's data, drawn by the webview's script.
    const details = await vscode.commands.executeCommand<TaskDetailsRequest.Result | null>('flyteCache.showTaskDetails', train);
    assert.ok(details);
    assert.deepStrictEqual([details.hits, details.misses, details.entryRows.length, details.timeSavedMs], [2, 1, 3, 5000]);
    assert.deepStrictEqual(details.events.filter((e) => e.source === 'remote').map((e) => e.status), ['populated', 'hit', 'hit', 'miss'], 'oldest first');
    assert.deepStrictEqual(details.versions.map((v) => [v.version, v.state]), [['2', 'current'], ['1', 'orphaned']]);
    await waitFor('the details panel tab', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.label === 'Cache: train_model' && t.input instanceof vscode.TabInputWebview));
    const drawn = await waitFor('the chart and table drawn in the webview', () => api.panels.rendered(TRAIN));
    assert.deepStrictEqual(drawn, { dots: details.events.length, rows: 3 });
    console.log(`screenshot: ${(await screenshot('task-details')) ?? '(none requested)'}`);

    // CodeLens above each cached task in the editor.
    const editor = await openFixture('explorer_tasks.py');
    const lenses = await waitFor('CodeLens with cache stats', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      const titles = found.map((l) => l.command?.title);
      return titles.includes('3 entries · 67% hits · v2') ? found : undefined;
    });
    const trainLens = lenses.find((l) => l.command?.title === '3 entries · 67% hits · v2')!;
    assert.strictEqual(trainLens.range.start.line, 4, 'above the @task decorator');
    assert.deepStrictEqual(trainLens.command?.arguments, [TRAIN]);
    assert.ok(lenses.some((l) => l.command?.title === '1 entry · v1'), 'evaluate_model has no history: no hit rate');

    // Editor → explorer: the task at the cursor is selected in the tree.
    editor.selection = new vscode.Selection(6, 4, 6, 4); // inside `def train_model`
    const shown = await vscode.commands.executeCommand<TreeNode | undefined>('flyteCache.showInExplorer');
    assert.strictEqual(shown?.task, TRAIN);
    await waitFor('train_model selected in the tree', () => api.treeView.selection.some((n) => n.task === TRAIN));

    // Explorer → code: "Reveal in code" opens the file at the def.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const revealed = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('flyteCache.revealInCode', train);
    assert.strictEqual(revealed?.document.uri.fsPath, fixtureUri('explorer_tasks.py').fsPath);
    assert.strictEqual(revealed?.selection.active.line, 5);

    // Auto-refresh: a new entry in the watched cache folder is imported without a command.
    tools.writeFlytekitCache(cacheDir, [{ key: tools.cacheKey(EVALUATE, '1', { score: 9 }), outputs: { o0: { float: 0.09 } }, storeTime: 1714580000 }]);
    await waitFor('the new entry imported by the watcher', async () =>
      (await api.tree.getChildren()).some((n) => n.task === EVALUATE && n.description?.startsWith('2 entries')));
  });
});
