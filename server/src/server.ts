// The language server: connection, capabilities and handler registration only.
// Runs inside VS Code (node IPC) or alone: `node dist/server.js --stdio`.
import {
  CodeActionKind,
  createConnection,
  DocumentDiagnosticReportKind,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import {
  BumpVersionCommand,
  ImportCacheRequest,
  StatusNotification,
  StoreChangedNotification,
  TreeChildrenRequest,
} from '../../protocol/src/protocol';
import { AnalysisCache } from './lsp/analysis-cache';
import { BUMP_KIND, bumpAction, codeActions, FIX_ALL_KIND } from './lsp/code-actions';
import { toDiagnostic } from './lsp/diagnostics';
import { DocumentStore } from './lsp/documents';
import { defaultLocalCachePath, Explorer } from './lsp/explorer';
import { SettingsCache } from './lsp/settings';

const connection = createConnection(ProposedFeatures.all);
const documents = new DocumentStore();
const analyses = new AnalysisCache();
const settings = new SettingsCache(connection);
const status = (severity: StatusNotification.Params['severity'], message: string) =>
  void connection.sendNotification(StatusNotification.type, { severity, message });
const explorer = new Explorer((message) => {
  connection.console.warn(message);
  void connection.window.showWarningMessage(message);
});

connection.onInitialize((params): InitializeResult => {
  settings.supported = !!params.capabilities.workspace?.configuration;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, BUMP_KIND, FIX_ALL_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [BumpVersionCommand] },
    },
    serverInfo: { name: 'flyte-cache-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  explorer.useStore((await settings.for(undefined)).storePath);
});

connection.onDidChangeConfiguration(async () => {
  settings.clear();
  explorer.useStore((await settings.for(undefined)).storePath);
  connection.languages.diagnostics.refresh();
});

connection.onDidOpenTextDocument((params) => void documents.open(params));
connection.onDidChangeTextDocument((params) => void documents.change(params));
connection.onDidCloseTextDocument((params) => {
  documents.close(params.textDocument.uri);
  settings.forget(params.textDocument.uri);
});

connection.languages.diagnostics.on(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const analysis = analyses.get(doc, await settings.for(doc.uri));
  if (analysis.error) status('error', `Could not analyse ${doc.uri}: ${analysis.error}`);
  return { kind: DocumentDiagnosticReportKind.Full, items: analysis.findings.map((f) => toDiagnostic(doc, f)) };
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  return codeActions(doc, params, await settings.for(doc.uri), analyses);
});

connection.onExecuteCommand(async (params) => {
  if (params.command !== BumpVersionCommand) return undefined;
  const [uri, position] = (params.arguments ?? []) as [string?, { line: number; character: number }?];
  const doc = uri ? documents.get(uri) : undefined;
  if (!doc || !position) return { applied: false, reason: 'No open Python document at that position.' };
  const action = bumpAction(doc, doc.offsetAt(position), await settings.for(doc.uri), analyses);
  if (!action?.edit) {
    return { applied: false, reason: 'No Flyte task with a literal cache version at the cursor.' };
  }
  const result = await connection.workspace.applyEdit({ label: action.title, edit: action.edit });
  return { applied: result.applied, title: action.title, reason: result.failureReason };
});

connection.onRequest(TreeChildrenRequest.type, (params) => explorer.children(params.parent));

connection.onRequest(ImportCacheRequest.type, async (params) => {
  const configured = (await settings.for(undefined)).localCachePath;
  const result = await explorer.importCache(params.path || configured || defaultLocalCachePath());
  void connection.sendNotification(StoreChangedNotification.type, { entries: await explorer.count() });
  status(result.warnings.length ? 'warning' : 'ok', `Imported ${result.imported} cache entries from ${result.source}`);
  return result;
});

connection.listen();
