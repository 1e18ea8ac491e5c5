// Every contributed command, registered once. Each forwards to the server or the tree.
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { BumpVersionCommand, ImportCacheRequest, RefreshStoreRequest, TreeNode } from '../../protocol/src/protocol';
import { readSettings } from './config';
import { evictCommand } from './evict';
import { CacheTreeProvider } from './tree/cache-tree';

interface BumpResult {
  applied: boolean;
  title?: string;
  reason?: string;
}

/** The configured local cache folder (resolved), else flytekit's default. */
export function localCacheFolder(): string {
  return readSettings(vscode.workspace.workspaceFolders?.[0]?.uri).localCachePath || path.join(os.homedir(), '.flyte', 'local-cache');
}

/** Imports a cache folder with progress in the view; `quiet` (the auto-refresh) reports only failures, in the output channel. */
export type ImportFrom = (target: string | undefined, quiet?: boolean) => Promise<ImportCacheRequest.Result | undefined>;

export function registerCommands(client: LanguageClient, tree: CacheTreeProvider, afterChange: () => void): { importFrom: ImportFrom; disposables: vscode.Disposable[] } {
  const importFrom: ImportFrom = async (target, quiet = false) => {
    const where = target ?? localCacheFolder();
    try {
      const result = await vscode.window.withProgress(
        { location: { viewId: 'flyteCache.entries' }, title: `Importing Flyte cache from ${where}` },
        () => client.sendRequest(ImportCacheRequest.type, { path: where }),
      );
      tree.refresh();
      afterChange();
      if (quiet) return result;
      const legacy = result.legacy ? ` (${result.legacy} legacy)` : '';
      const warned = result.warnings.length ? `, ${result.warnings.length} skipped or partial — see the output channel` : '';
      for (const w of result.warnings) client.outputChannel.appendLine(`[import] ${w}`);
      void vscode.window.showInformationMessage(`Flyte Cache: imported ${result.imported} entries${legacy} from ${result.source}${warned}.`);
      return result;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (quiet) {
        client.outputChannel.appendLine(`[auto-import] could not import ${where}: ${message}`);
        return undefined;
      }
      void vscode.window.showErrorMessage(`Flyte Cache: could not import ${where}: ${message}`);
      return undefined;
    }
  };

  const disposables = [
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
    vscode.commands.registerCommand('flyteCache.refresh', async () => {
      await client.sendRequest(RefreshStoreRequest.type, {});
      tree.refresh();
      afterChange();
    }),
    vscode.commands.registerCommand('flyteCache.showMore', (node: TreeNode) => tree.showMore(node)),
    vscode.commands.registerCommand('flyteCache.evict', (node?: TreeNode) =>
      evictCommand(client, () => {
        tree.refresh();
        afterChange();
      }, node)),
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
  return { importFrom, disposables };
}
