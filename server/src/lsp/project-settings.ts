// The settings one file is checked with: the editor's flyteCache.* settings merged with the
// `[tool.flyte-cache]` table of the pyproject.toml that applies to it (editor values win).
// Problems in a pyproject are reported once per distinct message until it changes.
import { ConfigLoader, type FlyteCacheConfig, isExcluded, type ResolvedSettings, resolveSettings } from '../config';
import { uriToPath, type WorkspaceFolders } from './folders';
import type { SettingsCache } from './settings';

export interface FileSettings {
  /** `baseline` is always set here: the editor's default ref when configured nowhere. */
  settings: ResolvedSettings & { baseline: string };
  config: FlyteCacheConfig;
  /** The pyproject's `exclude` covers this file. */
  excluded: boolean;
}

export class ProjectSettings {
  private readonly loader = new ConfigLoader();
  private readonly reported = new Set<string>();

  constructor(
    private readonly editor: SettingsCache,
    private readonly folders: WorkspaceFolders,
    private readonly warn: (message: string) => void,
  ) {}

  async for(uri: string): Promise<FileSettings> {
    const editor = await this.editor.for(uri);
    // A value the user left at its default yields to pyproject.toml; the default applies last.
    const editorValues = {
      ...(editor.defaultCachePolicyIsSet ? { defaultCachePolicy: editor.defaultCachePolicy } : {}),
      ...(editor.baselineIsSet ? { baseline: editor.baseline } : {}),
      select: editor.select,
      ignore: editor.ignore,
    };
    const withDefaults = (settings: ResolvedSettings): FileSettings['settings'] => ({ ...settings, baseline: settings.baseline ?? editor.baseline });
    const file = uriToPath(uri);
    if (!file) {
      const settings = resolveSettings({ editor: { ...editorValues, defaultCachePolicy: editor.defaultCachePolicy }, mode: 'editor' });
      return { settings: withDefaults(settings), config: { exclude: [] }, excluded: false };
    }
    const folder = this.folders.folderOf(file);
    const loaded = await this.loader.load(file, folder ? { stopAt: folder } : {});
    for (const warning of loaded.warnings) {
      if (this.reported.has(warning)) continue;
      this.reported.add(warning);
      this.warn(warning);
    }
    const settings = withDefaults(resolveSettings({ editor: editorValues, pyproject: loaded.config, mode: 'editor' }));
    const config = this.withEditorExclude(loaded.config, editor.exclude, folder);
    return { settings, config, excluded: isExcluded(file, config) };
  }

  async analysisSettings(uri: string): Promise<FileSettings['settings']> {
    return (await this.for(uri)).settings;
  }

  /** Whether a folder or file is excluded by the configuration of the folder above it. */
  async excludedPath(file: string): Promise<boolean> {
    const folder = this.folders.folderOf(file);
    const loaded = await this.loader.load(file, folder ? { stopAt: folder } : {});
    const editor = await this.editor.for(undefined);
    return isExcluded(file, this.withEditorExclude(loaded.config, editor.exclude, folder));
  }

  /** The editor's `flyteCache.exclude`, when set, replaces the pyproject's, relative to the workspace folder. */
  private withEditorExclude(config: FlyteCacheConfig, exclude: readonly string[], folder: string | undefined): FlyteCacheConfig {
    if (exclude.length === 0 || !folder) return config;
    return { ...config, exclude: [...exclude], root: folder };
  }

  /** A pyproject.toml changed: read them again and report their problems again. */
  clear(): void {
    this.loader.clear();
    this.reported.clear();
  }
}
