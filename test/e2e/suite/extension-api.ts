// The running extension's API (what activate() returns), for tests that need the client or tree.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { FlyteCacheApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'flyte-cache-inspector.flyte-cache-inspector';

export async function extensionApi(): Promise<FlyteCacheApi> {
  const ext = vscode.extensions.getExtension<FlyteCacheApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is loaded`);
  return ext.isActive ? ext.exports : ext.activate();
}

export function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}

export function flyteDiagnostics(uri: vscode.Uri, code?: string): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'flyte-cache' && (code === undefined || codeOf(d) === code));
}
