// The explorer's commands: filter and sort, the task detail panel, and code ↔ cache navigation.
// The server filters, sorts and maps tasks to code; these only ask it and show the answer.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { RevealTaskCommand, TaskAtRequest, TreeNode, TreeSort } from '../../protocol/src/protocol';
import { CacheTreeProvider } from './tree/cache-tree';
import { TaskPanels } from './webview/task-panel';

const SORT_LABELS: Record<TreeSort, string> = {
  name: 'Name',
  hits: 'Hits (most first)',
  size: 'Size (largest first)',
  recency: 'Recency (newest first)',
};

export function registerExplorerCommands(
  client: LanguageClient,
  tree: CacheTreeProvider,
  treeView: vscode.TreeView<TreeNode>,
  panels: TaskPanels,
): vscode.Disposable[] {
  const showQuery = () => {
    treeView.description = tree.query.describe();
    void vscode.commands.executeCommand('setContext', 'flyteCache.filtered', tree.query.filter !== '');
  };
  const setFilter = (filter: string) => {
    tree.query.filter = filter.trim();
    showQuery();
    tree.refresh();
  };
  showQuery();
  const emptyFilter = tree.onDidLoadRoot((rows) => {
    treeView.message = rows === 0 && tree.query.filter ? `No cached task matches "${tree.query.filter}".` : undefined;
  });

  /** Shows a cache task in the explorer: opens the view, clears a filter hiding it, selects it. */
  const revealTask = async (task: string): Promise<TreeNode | undefined> => {
    await vscode.commands.executeCommand('workbench.view.extension.flyteCache');
    let node = (await tree.getChildren()).find((n) => n.task === task);
    if (!node && tree.query.filter) {
      setFilter('');
      node = (await tree.getChildren()).find((n) => n.task === task);
    }
    if (!node) {
      void vscode.window.showInformationMessage(`Flyte Cache: the store holds nothing for ${task} yet.`);
      return undefined;
    }
    await treeView.reveal(node, { select: true, focus: true, expand: true });
    return node;
  };

  return [
    emptyFilter,
    vscode.commands.registerCommand('flyteCache.filter', async (value?: string) => {
      const filter = value ?? (await vscode.window.showInputBox({
        title: 'Filter cached tasks',
        prompt: 'Show tasks whose name contains this text (empty: all tasks)',
        value: tree.query.filter,
      }));
      if (filter !== undefined) setFilter(filter);
    }),
    vscode.commands.registerCommand('flyteCache.clearFilter', () => setFilter('')),
    vscode.commands.registerCommand('flyteCache.sort', async (value?: TreeSort) => {
      const picked = value ?? (await vscode.window.showQuickPick(
        TreeSort.all.map((s) => ({ label: SORT_LABELS[s], sort: s, picked: s === tree.query.sort, description: s === tree.query.sort ? 'current' : undefined })),
        { title: 'Sort cached tasks by' },
      ))?.sort;
      if (!picked) return;
      await tree.query.setSort(picked);
      showQuery();
      tree.refresh();
    }),
    vscode.commands.registerCommand('flyteCache.showTaskDetails', async (node?: TreeNode | string) => {
      const task = typeof node === 'string' ? node : node?.task;
      return task ? panels.show(task) : undefined;
    }),
    vscode.commands.registerCommand('flyteCache.revealInCode', async (node?: TreeNode) => {
      const at = node?.location;
      if (!at) {
        void vscode.window.showInformationMessage(`Flyte Cache: ${node?.task ?? 'this task'} was not found in the workspace code.`);
        return undefined;
      }
      const position = new vscode.Position(at.line, at.character);
      return vscode.window.showTextDocument(vscode.Uri.parse(at.uri), { selection: new vscode.Range(position, position), preview: false });
    }),
    vscode.commands.registerCommand(RevealTaskCommand, (task: string) => revealTask(task)),
    vscode.commands.registerCommand('flyteCache.showInExplorer', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'python') {
        void vscode.window.showWarningMessage('Flyte Cache: open a Python file and put the cursor on a task.');
        return undefined;
      }
      const found = await client.sendRequest(TaskAtRequest.type, {
        uri: editor.document.uri.toString(),
        position: client.code2ProtocolConverter.asPosition(editor.selection.active),
      });
      if (!found) {
        void vscode.window.showWarningMessage('Flyte Cache: no Flyte task at the cursor.');
        return undefined;
      }
      if (!found.cached) {
        void vscode.window.showInformationMessage(`Flyte Cache: the store holds nothing for ${found.task} yet.`);
        return undefined;
      }
      return revealTask(found.task);
    }),
  ];
}
