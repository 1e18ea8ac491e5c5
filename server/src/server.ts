// The language server: connection, capabilities and handler registration only.
// Runs inside VS Code (node IPC) or alone: `node dist/server.js --stdio`.
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  createConnection,
  DocumentDiagnosticReportKind,
  FileChangeType,
  InitializeResult,
  ProposedFeatures,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import {
  BumpVersionCommand,
  EvictRequest,
  ImportCacheRequest,
  Settings,
  RefreshStoreRequest,
  StatusNotification,
  StoreChangedNotification,
  TaskAtRequest,
  TaskDetailsRequest,
  TreeChildrenRequest,
} from '../../protocol/src/protocol';
import { allRules, PythonDocument } from './analysis';
import { readBaseline } from './baseline/git';
import { AnalysisCache } from './lsp/analysis-cache';
import { BaselineCache } from './lsp/baseline-cache';
import { BUMP_CHANGED_KIND, BUMP_KIND, bumpAction, codeActions, FIX_ALL_KIND } from './lsp/code-actions';
import { CodeIndex } from './lsp/code-index';
import { cacheTaskAt, codeLenses, indexTasks } from './lsp/code-lens';
import { toDiagnostics } from './lsp/diagnostics';
import { DocumentStore, OpenDocument } from './lsp/documents';
import { evictEntries } from './lsp/eviction';
import { defaultLocalCachePath, Explorer } from './lsp/explorer';
import { uriKey, uriToPath, WorkspaceFolders } from './lsp/folders';
import { hoverAt } from './lsp/hover';
import { ProjectSettings } from './lsp/project-settings';
import { SettingsCache } from './lsp/settings';
import { WorkspaceScanner } from './lsp/workspace-scan';

const connection = createConnection(ProposedFeatures.all);
const documents = new DocumentStore(Settings.defaults.maxFileSize);
const analyses = new AnalysisCache();
const settings = new SettingsCache(connection);
const status = (severity: StatusNotification.Params['severity'], message: string) =>
  void connection.sendNotification(StatusNotification.type, { severity, message });
// A file's git baseline arrives asynchronously; when it does (or a commit moves the ref), pull again.
const baselines = new BaselineCache(readBaseline, () => connection.languages.diagnostics.refresh(), (m) => connection.console.log(m));
const BASELINE_RECHECK_MS = 5000;
setInterval(() => baselines.revalidate(), BASELINE_RECHECK_MS).unref();
// The Flyte tasks the workspace's code defines, for the explorer's "current"/"orphaned" versions and CodeLens.
const codeIndex = new CodeIndex((file) => folders.folderOf(file));
const explorer = new Explorer((message) => {
  connection.console.warn(message);
  void connection.window.showWarningMessage(message);
}, codeIndex);
const folders = new WorkspaceFolders();
// pyproject.toml problems (broken TOML, bad values) are shown once each, until the file changes.
const project = new ProjectSettings(settings, folders, (message) => {
  connection.console.warn(message);
  status('warning', message);
  void connection.window.showWarningMessage(message);
});
let progressSupported = false;
let foldersChangeSupported = false;
let codeLensRefreshSupported = false;
const isOpen = (file: string) => documents.all().some((d) => uriKey(d.uri) === file);
const scanner = new WorkspaceScanner({
  folders: () => folders.all(),
  isOpen,
  excluded: (file) => project.excludedPath(file),
  diagnose: async (uri, text) => {
    const { settings: fileSettings, excluded } = await project.for(uri);
    if (excluded) {
      codeIndex.forget(uri);
      return [];
    }
    // Closed files are checked without a git baseline: reading one per file would run git for
    // the whole workspace. The staleness rules (FC401, FC402) report in open files.
    const doc = new OpenDocument(uri, 0, PythonDocument.create(text));
    const analysis = analyses.get(doc, fileSettings);
    indexTasks(codeIndex, doc, analysis.tasks);
    return toDiagnostics(doc, analysis.findings);
  },
  publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, diagnostics }),
  maxFileSize: () => documents.maxFileLength,
  progress: async (total) => {
    const reporter = await connection.window.createWorkDoneProgress();
    const message = (done: number) => `Checking Flyte tasks: ${done}/${total} files`;
    reporter.begin('Flyte Cache', 0, message(0));
    return { report: (done) => reporter.report(total ? Math.round((done / total) * 100) : 100, message(done)), done: () => reporter.done() };
  },
});
/** `flyteCache.maxFileSize` as a text length limit (0: none). */
const fileLimit = (s: Settings): number => (s.maxFileSize > 0 ? s.maxFileSize : Infinity);
const toldTooLarge = new Set<string>();
/** Says once per opened file why a file over the size limit has no diagnostics. */
function tooLarge(doc: OpenDocument): void {
  if (toldTooLarge.has(doc.uri)) return;
  toldTooLarge.add(doc.uri);
  const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
  const name = decodeURIComponent(doc.uri.slice(doc.uri.lastIndexOf('/') + 1));
  const message = `Flyte Cache does not check ${name}: it is ${mb(doc.text.length)}, larger than the flyteCache.maxFileSize setting (${mb(documents.maxFileLength)}).`;
  connection.console.log(message);
  void connection.window.showInformationMessage(message);
}
const rescan = () => void scanner.scanAll(false).catch((e) => connection.console.error(`flyte-cache: workspace scan failed: ${String(e)}`));

connection.onInitialize((params): InitializeResult => {
  settings.supported = !!params.capabilities.workspace?.configuration;
  progressSupported = !!params.capabilities.window?.workDoneProgress;
  foldersChangeSupported = !!params.capabilities.workspace?.workspaceFolders;
  codeLensRefreshSupported = !!params.capabilities.workspace?.codeLens?.refreshSupport;
  folders.reset(params.workspaceFolders, params.rootUri);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      diagnosticProvider: { interFileDependencies: false, workspaceDiagnostics: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, BUMP_KIND, FIX_ALL_KIND, BUMP_CHANGED_KIND], resolveProvider: false },
      executeCommandProvider: { commands: [BumpVersionCommand] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'flyte-cache-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  if (foldersChangeSupported) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      for (const removed of event.removed) folders.remove(removed.uri);
      for (const added of event.added) folders.add(added.uri);
      rescan();
    });
  }
  const windowSettings = await settings.for(undefined);
  documents.setMaxLength(fileLimit(windowSettings));
  void scanner.scanAll(progressSupported).catch((e) => connection.console.error(`flyte-cache: workspace scan failed: ${String(e)}`));
  explorer.useStore(windowSettings.storePath);
});

connection.onDidChangeConfiguration(async () => {
  settings.clear();
  const windowSettings = await settings.for(undefined);
  documents.setMaxLength(fileLimit(windowSettings));
  explorer.useStore(windowSettings.storePath);
  connection.languages.diagnostics.refresh();
  rescan();
});

connection.onDidChangeWatchedFiles((params) => {
  let configChanged = false;
  for (const change of params.changes) {
    const file = uriToPath(change.uri);
    if (!file) continue;
    if (/(^|[\\/])pyproject\.toml$/.test(file)) configChanged = true;
    else if (change.type === FileChangeType.Deleted) {
      scanner.clear(file);
      codeIndex.forget(change.uri);
    }
    else if (!configChanged) void scanner.refresh(file);
  }
  if (configChanged) {
    project.clear();
    connection.languages.diagnostics.refresh();
    rescan();
  }
});

connection.onDidOpenTextDocument((params) => {
  documents.open(params);
  const file = uriToPath(params.textDocument.uri);
  if (file) scanner.clear(file); // pulled from now on
});
connection.onDidChangeTextDocument((params) => void documents.change(params));
connection.onDidCloseTextDocument((params) => {
  documents.close(params.textDocument.uri);
  toldTooLarge.delete(params.textDocument.uri);
  settings.forget(params.textDocument.uri);
  baselines.forget(params.textDocument.uri);
  analyses.forget(params.textDocument.uri);
  const file = uriToPath(params.textDocument.uri);
  if (file) void scanner.refresh(file); // pushed again, from the text on disk
});
connection.onDidSaveTextDocument(() => baselines.revalidate());

connection.languages.diagnostics.on(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  if (!doc.python.parsed) {
    tooLarge(doc);
    return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  }
  const { settings: docSettings, excluded } = await project.for(doc.uri);
  if (excluded) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
  const analysis = analyses.get(doc, docSettings, await baselines.get(doc.uri, docSettings.baseline));
  indexTasks(codeIndex, doc, analysis.tasks);
  if (analysis.error) status('error', `Could not analyse ${doc.uri}: ${analysis.error}`);
  return { kind: DocumentDiagnosticReportKind.Full, items: toDiagnostics(doc, analysis.findings) };
});

connection.onHover(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return null;
  const { settings: docSettings, excluded } = await project.for(doc.uri);
  if (excluded) return null;
  const analysis = analyses.get(doc, docSettings, await baselines.get(doc.uri, docSettings.baseline));
  return hoverAt(doc, params.position, analysis.findings, allRules());
});

connection.onCodeAction(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const { settings: docSettings, excluded } = await project.for(doc.uri);
  if (excluded) return [];
  return codeActions(doc, params, docSettings, analyses, await baselines.get(doc.uri, docSettings.baseline));
});

connection.onExecuteCommand(async (params) => {
  if (params.command !== BumpVersionCommand) return undefined;
  const [uri, position] = (params.arguments ?? []) as [string?, { line: number; character: number }?];
  const doc = uri ? documents.get(uri) : undefined;
  if (!doc || !position) return { applied: false, reason: 'No open Python document at that position.' };
  const docSettings = await project.analysisSettings(doc.uri);
  const action = bumpAction(doc, doc.offsetAt(position), docSettings, analyses, await baselines.get(doc.uri, docSettings.baseline));
  if (!action?.edit) {
    return { applied: false, reason: 'No Flyte task with a literal cache version at the cursor.' };
  }
  const result = await connection.workspace.applyEdit({ label: action.title, edit: action.edit });
  return { applied: result.applied, title: action.title, reason: result.failureReason };
});

connection.onRequest(TreeChildrenRequest.type, (params) =>
  explorer.children(params.parent, { ...(params.filter ? { filter: params.filter } : {}), ...(params.sort ? { sort: params.sort } : {}) }));

connection.onRequest(ImportCacheRequest.type, async (params) => {
  const configured = (await settings.for(undefined)).localCachePath;
  const target = params.path || configured || defaultLocalCachePath();
  const reporter = progressSupported ? await connection.window.createWorkDoneProgress() : undefined;
  reporter?.begin('Flyte Cache', 0, `Importing ${target}`);
  let result: ImportCacheRequest.Result;
  try {
    result = await explorer.importCache(target, (done, total) => reporter?.report(total ? Math.round((done / total) * 100) : 100, `Importing ${done}/${total} entries`));
  } finally {
    reporter?.done();
  }
  void connection.sendNotification(StoreChangedNotification.type, { entries: await explorer.count() });
  refreshCodeLenses();
  status(result.warnings.length ? 'warning' : 'ok', `Imported ${result.imported} cache entries from ${result.source}`);
  return result;
});

connection.onRequest(EvictRequest.type, async (params) => {
  const configured = (await settings.for(undefined)).localCachePath;
  const result = await evictEntries(explorer, params, params.cacheDir || configured || defaultLocalCachePath());
  if (!params.dryRun) {
    void connection.sendNotification(StoreChangedNotification.type, { entries: await explorer.count() });
    refreshCodeLenses();
    status('ok', `Evicted ${result.keys.length} cache entries of ${result.description}`);
  }
  return result;
});

connection.onRequest(RefreshStoreRequest.type, async () => {
  await explorer.refresh();
  refreshCodeLenses();
});

connection.onRequest(TaskDetailsRequest.type, (params) => explorer.details(params.task));

/** The tasks of an open document, as the (cached) analysis found them; also recorded in the code index. */
async function documentTasks(doc: OpenDocument) {
  const { settings: docSettings, excluded } = await project.for(doc.uri);
  if (excluded) return [];
  const analysis = analyses.get(doc, docSettings, await baselines.get(doc.uri, docSettings.baseline));
  indexTasks(codeIndex, doc, analysis.tasks);
  return analysis.tasks;
}

connection.onCodeLens(async (params) => {
  const doc = documents.get(params.textDocument.uri);
  if (!doc) return [];
  const tasks = await documentTasks(doc);
  if (tasks.length === 0) return [];
  return codeLenses(doc, tasks, codeIndex, await explorer.taskRows());
});

connection.onRequest(TaskAtRequest.type, async (params) => {
  const doc = documents.get(params.uri);
  if (!doc) return null;
  const tasks = await documentTasks(doc);
  return cacheTaskAt(doc, doc.offsetAt(params.position), tasks, codeIndex, await explorer.taskRows());
});

function refreshCodeLenses(): void {
  if (codeLensRefreshSupported) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
}

connection.listen();
