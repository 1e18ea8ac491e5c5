// A language status item for Python files: says whether the server is healthy and
// what the last import did; errors never pop up on their own.
import * as vscode from 'vscode';
import { StatusNotification } from '../../protocol/src/protocol';

export interface StatusItem extends vscode.Disposable {
  update(params: StatusNotification.Params): void;
}

export function createStatusItem(): StatusItem {
  const item = vscode.languages.createLanguageStatusItem('flyteCache.status', { language: 'python' });
  item.name = 'Flyte Cache Inspector';
  item.text = '$(database) Flyte Cache';
  item.detail = 'ready';
  item.command = { command: 'workbench.view.extension.flyteCache', title: 'Show cache explorer' };
  return {
    update(params) {
      item.detail = params.message;
      item.severity =
        params.severity === 'error'
          ? vscode.LanguageStatusSeverity.Error
          : params.severity === 'warning'
            ? vscode.LanguageStatusSeverity.Warning
            : vscode.LanguageStatusSeverity.Information;
    },
    dispose: () => item.dispose(),
  };
}
