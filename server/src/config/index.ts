// Project configuration: `[tool.flyte-cache]` in pyproject.toml, merged with editor settings.
export { isExcluded } from './exclude';
export { ConfigLoader, loadConfigFor, type LoadedConfig, type LoadOptions } from './load';
export { type DefaultCachePolicy, type FlyteCacheConfig, parsePyproject } from './pyproject';
export { type EditorSettings, type ResolvedSettings, resolveSettings } from './resolve';
