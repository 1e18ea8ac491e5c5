// Reads the `flyteCache.*` settings for a scope and resolves them into the protocol's
// Settings (relative paths against the scope's workspace folder). The server asks
// for these through workspace/configuration; the middleware in client.ts answers.
import * as path from 'path';
import * as vscode from 'vscode';
import { Settings } from '../../protocol/src/protocol';

export function readSettings(scope: vscode.Uri | undefined): Settings {
  const config = vscode.workspace.getConfiguration('flyteCache', scope);
  const folder = (scope && vscode.workspace.getWorkspaceFolder(scope)) ?? vscode.workspace.workspaceFolders?.[0];
  const resolvePath = (value: string): string => {
    if (!value) return '';
    const expanded = value.replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
    if (path.isAbsolute(expanded)) return vscode.workspace.isTrusted ? expanded : '';
    return folder && folder.uri.scheme === 'file' ? path.join(folder.uri.fsPath, expanded) : '';
  };
  return Settings.from({
    defaultCachePolicy: config.get<string>('defaultCachePolicy'),
    defaultCachePolicyIsSet: isSet(config, 'defaultCachePolicy'),
    baselineIsSet: isSet(config, 'baseline'),
    select: config.get<string[]>('select'),
    ignore: config.get<string[]>('ignore'),
    exclude: config.get<string[]>('exclude'),
    baseline: config.get<string>('baseline'),
    localCachePath: resolvePath(config.get<string>('localCache.path') ?? ''),
    storePath: resolvePath(config.get<string>('store.path') ?? ''),
    maxFileSize: Math.round((config.get<number>('maxFileSize') ?? 2) * 1024 * 1024),
  });
}

/** Whether the user set `key` somewhere (a set value wins over pyproject.toml; a default does not). */
function isSet(config: vscode.WorkspaceConfiguration, key: string): boolean {
  const v = config.inspect(key);
  return [v?.globalValue, v?.workspaceValue, v?.workspaceFolderValue, v?.globalLanguageValue, v?.workspaceLanguageValue, v?.workspaceFolderLanguageValue]
    .some((value) => value !== undefined);
}
