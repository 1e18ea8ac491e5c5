export { readFlytekitLocalCache, locateLocalCache, LocalCacheError, type LocalCacheImport, type LocalCacheOptions, type ReadonlyImage } from './flytekit-local-cache';
export { splitCacheKey, type CacheKeyParts } from './cache-key';
export { decodeLiteralMap, LiteralMapError } from './literal-map';
export { applyWal, type WalResult } from './sqlite-wal';
export { localCacheFingerprint, IMPORTER_REVISION } from './fingerprint';
