// Every contributed command, registered once. Each forwards to the server or the tree.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { BumpVersionCommand, ImportCacheRequest, TreeNode } from '../../protocol/src/protocol';
import { readSettings } from './config';
import { CacheTreeProvider } from './tree/cache-tree';

interface BumpResult {
  applied: boolean;
  title?: string;
  reason?: string;
}

export function registerCommands(client: LanguageClient, tree: CacheTreeProvider): vscode.Disposable[] {
  const importFrom = async (target: string | undefined): Promise<ImportCacheRequest.Result | undefined> => {
    const where = target ?? (readSettings(vscode.workspace.workspaceFolders?.[0]?.uri).localCachePath || path.join(os.homedir(), '.flyte', 'local-cache'));
    try {
      const result = await vscode.window.withProgress(
        { location: { viewId: 'flyteCache.entries' }, title: `Importing Flyte cache from ${where}` },
        () => client.sendRequest(ImportCacheRequest.type, { path: where }),
      );
      tree.refresh();
      const legacy = result.legacy ? ` (${result.legacy} legacy)` : '';
      const warned = result.warnings.length ? `, ${result.warnings.length} skipped or partial — see the output channel` : '';
      for (const w of result.warnings) client.outputChannel.appendLine(`[import] ${w}`);
      void vscode.window.showInformationMessage(`Flyte Cache: imported ${result.imported} entries${legacy} from ${result.source}${warned}.`);
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      void vscode.window.showErrorMessage(`Flyte Cache: could not import ${where}: ${message}`);
      return undefined;
    }
  };

  return [
    vscode.commands.registerCommand('flyteCache.importLocalCache', (target?: string) => importFrom(target)),
    vscode.commands.registerCommand('flyteCache.importCacheFrom', async () => {
      const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: true,
        canSelectMany: false,
        openLabel: 'Import',
        title: 'Choose a Flyte local cache folder (or its cache.db)',
        defaultUri: vscode.Uri.file(path.join(os.homedir(), '.flyte', 'local-cache')),
      });
      return picked?.[0] ? importFrom(picked[0].fsPath) : undefined;
    }),
    vscode.commands.registerCommand('flyteCache.refresh', () => tree.refresh()),
    vscode.commands.registerCommand('flyteCache.showMore', (node: TreeNode) => tree.showMore(node)),
    vscode.commands.registerCommand('flyteCache.copyHash', async (node?: TreeNode) => {
      if (node?.hash) await vscode.env.clipboard.writeText(node.hash);
    }),
    vscode.commands.registerCommand('flyteCache.showOutput', async (node?: TreeNode) => {
      if (!node?.tooltip) return;
      const doc = await vscode.workspace.openTextDocument({ content: `${node.tooltip}\n`, language: 'json' });
      await vscode.window.showTextDocument(doc, { preview: true });
    }),
    vscode.commands.registerCommand('flyteCache.bumpVersion', async (): Promise<BumpResult | undefined> => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || editor.document.languageId !== 'python') {
        void vscode.window.showWarningMessage('Flyte Cache: open a Python file and put the cursor on a task.');
        return undefined;
      }
      const position = client.code2ProtocolConverter.asPosition(editor.selection.active);
      const result = await vscode.commands.executeCommand<BumpResult>(BumpVersionCommand, editor.document.uri.toString(), position);
      if (result && !result.applied) void vscode.window.showWarningMessage(`Flyte Cache: ${result.reason ?? 'nothing to bump here.'}`);
      return result;
    }),
  ];
}
