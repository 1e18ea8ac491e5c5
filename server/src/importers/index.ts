export { readFlytekitLocalCache, locateLocalCache, LocalCacheError, type LocalCacheImport, type LocalCacheOptions, type ReadonlyImage } from './flytekit-local-cache';
export { splitCacheKey, splitKeyPrefix, type CacheKeyParts } from './cache-key';
export { scanLocalCache, type CacheRowsSql, type LocalCacheScan } from './local-cache-scan';
export { decodeLiteralMap, LiteralMapError } from './literal-map';
export { applyWal, type WalResult } from './sqlite-wal';
export { localCacheFingerprint, IMPORTER_REVISION } from './fingerprint';
