// `flyteCache.evict` on a task, version or entry row: asks the server what would go (dry run),
// confirms in a modal dialog naming it, then has the server delete it with diskcache.
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { EvictRequest, TreeNode } from '../../protocol/src/protocol';
import { resolvePython } from './python';

const SHOWN_KEYS = 10;

export function evictTarget(node: TreeNode | undefined): EvictRequest.Target | undefined {
  if (!node?.task) return undefined;
  if (node.kind === 'task') return { task: node.task };
  if (node.kind === 'version' && node.version !== undefined) return { task: node.task, version: node.version };
  if (node.kind === 'entry' && node.version !== undefined && node.hash) return { task: node.task, version: node.version, hash: node.hash };
  return undefined;
}

export async function evictCommand(client: LanguageClient, refresh: () => void, node: TreeNode | undefined): Promise<EvictRequest.Result | undefined> {
  const target = evictTarget(node);
  if (!target) {
    void vscode.window.showWarningMessage('Flyte Cache: choose a task, version or entry in the Cache Entries view to evict.');
    return undefined;
  }
  const python = await resolvePython(vscode.workspace.workspaceFolders?.[0]?.uri);
  try {
    const plan = await client.sendRequest(EvictRequest.type, { target, python, dryRun: true });
    if (plan.keys.length === 0) {
      void vscode.window.showInformationMessage(`Flyte Cache: ${plan.source} holds no entries of ${plan.description} any more.`);
      refresh();
      return plan;
    }
    const listed = plan.keys.slice(0, SHOWN_KEYS).join('\n') + (plan.keys.length > SHOWN_KEYS ? `\n… and ${plan.keys.length - SHOWN_KEYS} more` : '');
    const choice = await vscode.window.showWarningMessage(
      `Evict ${count(plan.keys.length)} of ${plan.description}?`,
      { modal: true, detail: `From ${plan.source}, deleted with ${python} and diskcache. The next run recomputes them.\n\n${listed}` },
      'Evict',
    );
    if (choice !== 'Evict') return undefined;
    const result = await vscode.window.withProgress(
      { location: { viewId: 'flyteCache.entries' }, title: `Evicting ${plan.description}` },
      () => client.sendRequest(EvictRequest.type, { target, python, cacheDir: plan.source }),
    );
    refresh();
    const gone = result.missing.length ? ` (${result.missing.length} were already gone)` : '';
    void vscode.window.showInformationMessage(`Flyte Cache: evicted ${count(result.keys.length)} of ${result.description}${gone}.`);
    return result;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const action = await vscode.window.showErrorMessage(`Flyte Cache: could not evict: ${message}`, 'Choose Python…');
    if (action) await vscode.commands.executeCommand('workbench.action.openSettings', 'flyteCache.python.path');
    return undefined;
  }
}

function count(n: number): string {
  return `${n} cache ${n === 1 ? 'entry' : 'entries'}`;
}
