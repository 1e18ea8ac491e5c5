// Which Python runs diskcache for eviction: `flyteCache.python.path` when set (a workspace value
// only in a trusted workspace: it names a program to run), else the interpreter selected in the
// Python extension (ms-python.python), else `python3` from PATH.
import * as vscode from 'vscode';

interface PythonEnvironmentsApi {
  environments: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { path: string };
    resolveEnvironment(env: { path: string }): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
  };
}

export async function resolvePython(scope: vscode.Uri | undefined): Promise<string> {
  const configured = configuredPython(scope);
  if (configured) return configured;
  const fromExtension = await activeInterpreter(scope).catch(() => undefined);
  return fromExtension || 'python3';
}

function configuredPython(scope: vscode.Uri | undefined): string {
  const inspected = vscode.workspace.getConfiguration('flyteCache', scope).inspect<string>('python.path');
  const value = vscode.workspace.isTrusted
    ? (inspected?.workspaceFolderValue ?? inspected?.workspaceValue ?? inspected?.globalValue)
    : inspected?.globalValue;
  return (value ?? '').trim().replace(/^~(?=$|[\\/])/, process.env.HOME ?? '~');
}

async function activeInterpreter(scope: vscode.Uri | undefined): Promise<string | undefined> {
  const extension = vscode.extensions.getExtension<PythonEnvironmentsApi>('ms-python.python');
  if (!extension) return undefined;
  const api = extension.isActive ? extension.exports : await extension.activate();
  const active = api?.environments?.getActiveEnvironmentPath(scope);
  if (!active?.path) return undefined;
  // The path may name an environment folder (conda); resolving gives the executable.
  const resolved = await api.environments.resolveEnvironment(active);
  return resolved?.executable.uri?.fsPath ?? active.path;
}
