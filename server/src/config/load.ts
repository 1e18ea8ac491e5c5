// Finds the configuration that applies to a file: the nearest pyproject.toml above it that has a
// `[tool.flyte-cache]` table (as ruff skips pyproject files without `[tool.ruff]`). A pyproject
// that is not valid TOML ends the search: its warning is returned with the default settings.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { type FlyteCacheConfig, parsePyproject } from './pyproject';

export interface LoadedConfig {
  config: FlyteCacheConfig;
  warnings: string[];
  /** Folder of the pyproject.toml used; absent when none applies. */
  root?: string;
}

export interface LoadOptions {
  /** The last folder searched (a workspace folder); the filesystem root when absent. */
  stopAt?: string;
}

const DEFAULTS: LoadedConfig = { config: { exclude: [] }, warnings: [] };

/** Uncached: reads the pyproject files above `file` on every call. */
export function loadConfigFor(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
  return new ConfigLoader().load(file, options);
}

/** Caches one answer per folder; `clear()` when a pyproject.toml changes. */
export class ConfigLoader {
  private readonly byFolder = new Map<string, Promise<LoadedConfig>>();

  load(file: string, options: LoadOptions = {}): Promise<LoadedConfig> {
    const stopAt = options.stopAt ? path.resolve(options.stopAt) : undefined;
    return this.forFolder(path.dirname(path.resolve(file)), stopAt);
  }

  clear(): void {
    this.byFolder.clear();
  }

  private forFolder(folder: string, stopAt: string | undefined): Promise<LoadedConfig> {
    const key = `${folder}\u0000${stopAt ?? ''}`;
    let result = this.byFolder.get(key);
    if (!result) {
      result = this.search(folder, stopAt);
      this.byFolder.set(key, result);
    }
    return result;
  }

  private async search(folder: string, stopAt: string | undefined): Promise<LoadedConfig> {
    const file = path.join(folder, 'pyproject.toml');
    const text = await readIfFile(file);
    if (text !== undefined) {
      const parsed = parsePyproject(text, file, folder);
      if (parsed.found || parsed.warnings.length > 0) {
        return parsed.found ? { config: parsed.config, warnings: parsed.warnings, root: folder } : { ...DEFAULTS, warnings: parsed.warnings };
      }
    }
    const parent = path.dirname(folder);
    if (parent === folder || (stopAt !== undefined && (folder === stopAt || !isInside(folder, stopAt)))) return DEFAULTS;
    return this.forFolder(parent, stopAt);
  }
}

async function readIfFile(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined; // absent or unreadable: keep searching upward
  }
}

function isInside(folder: string, ancestor: string): boolean {
  const relative = path.relative(ancestor, folder);
  return !relative.startsWith('..') && !path.isAbsolute(relative);
}
