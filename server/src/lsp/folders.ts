// Workspace folders as file-system paths, and the file URI <-> path mapping the server uses for
// files it reads from disk (closed files, pyproject.toml).
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver';

/** The file-system path of a `file:` URI; undefined for other schemes (untitled, remote). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(file: string): string {
  return pathToFileURL(file).href;
}

/** A comparable key for a document URI: its path for `file:` URIs (encodings differ between clients). */
export function uriKey(uri: string): string {
  return uriToPath(uri) ?? uri;
}

export class WorkspaceFolders {
  private readonly paths = new Set<string>();

  /** From the initialize request: its workspace folders, else its root URI. */
  reset(initial: readonly WorkspaceFolder[] | null | undefined, rootUri?: string | null): void {
    this.paths.clear();
    for (const folder of initial ?? []) this.add(folder.uri);
    if (this.paths.size === 0 && rootUri) this.add(rootUri);
  }

  add(uri: string): string | undefined {
    const folder = uriToPath(uri);
    if (folder) this.paths.add(path.resolve(folder));
    return folder && path.resolve(folder);
  }

  remove(uri: string): string | undefined {
    const folder = uriToPath(uri);
    if (folder) this.paths.delete(path.resolve(folder));
    return folder && path.resolve(folder);
  }

  all(): string[] {
    return [...this.paths];
  }

  /** The innermost workspace folder holding `file`. */
  folderOf(file: string): string | undefined {
    let best: string | undefined;
    for (const folder of this.paths) {
      if (isInside(file, folder) && (!best || folder.length > best.length)) best = folder;
    }
    return best;
  }
}

export function isInside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
