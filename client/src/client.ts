// Builds the LanguageClient pointed at dist/server.js and answers the server's
// workspace/configuration requests with resolved, typed Settings.
import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, RevealOutputChannelOn, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { readSettings } from './config';

export function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'python' },
      { scheme: 'untitled', language: 'python' },
    ],
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    synchronize: {
      configurationSection: 'flyteCache',
      // The server re-reads pyproject.toml and re-checks closed files when they change on disk.
      fileEvents: [watcher(context, '**/pyproject.toml'), watcher(context, '**/*.py')],
    },
    middleware: {
      workspace: {
        configuration: (params) =>
          params.items.map((item) =>
            item.section === 'flyteCache' ? readSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined) : null,
          ),
      },
    },
  };
  return new LanguageClient('flyteCache', 'Flyte Cache Inspector', serverOptions, clientOptions);
}

function watcher(context: vscode.ExtensionContext, glob: string): vscode.FileSystemWatcher {
  const w = vscode.workspace.createFileSystemWatcher(glob);
  context.subscriptions.push(w);
  return w;
}
