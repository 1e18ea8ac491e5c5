// Activation: start the language client, show the cache explorer, register commands.
// Returns a small API used by the end-to-end tests.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, StoreChangedNotification, TreeNode } from '../../protocol/src/protocol';
import { CacheWatcher } from './cache-watcher';
import { createClient } from './client';
import { registerCommands } from './commands';
import { registerExplorerCommands } from './explorer-commands';
import { createStatusItem } from './status';
import { CacheTreeProvider, TreeQuery } from './tree/cache-tree';
import { TaskPanels } from './webview/task-panel';

export interface FlyteCacheApi {
  readonly client: LanguageClient;
  readonly treeView: vscode.TreeView<TreeNode>;
  readonly tree: CacheTreeProvider;
  readonly panels: TaskPanels;
  readonly watcher: CacheWatcher;
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<FlyteCacheApi> {
  try {
    client = createClient(context);
    const tree = new CacheTreeProvider(client, new TreeQuery(context.workspaceState));
    const treeView = vscode.window.createTreeView('flyteCache.entries', { treeDataProvider: tree, showCollapseAll: true });
    const panels = new TaskPanels(client, context.extensionUri);
    const status = createStatusItem();
    const commands = registerCommands(client, tree, () => void panels.refreshAll());
    const watcher = new CacheWatcher(commands.importFrom);
    context.subscriptions.push(treeView, status, panels, watcher, ...commands.disposables, ...registerExplorerCommands(client, tree, treeView, panels));
    await client.start();
    context.subscriptions.push(
      client.onNotification(StoreChangedNotification.type, () => tree.refresh()),
      client.onNotification(StatusNotification.type, (p) => status.update(p)),
    );
    tree.refresh();
    return { client, treeView, tree, panels, watcher };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    void vscode.window.showErrorMessage(`Flyte Cache Inspector failed to start: ${message}`);
    throw err;
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
