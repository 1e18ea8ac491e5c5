// The store: the only module that imports sql.js.
export type { JsonValue, CacheEntryRecord, TaskSummary, VersionSummary, ImportRecord } from './types';
export { CacheStore, type OpenOptions } from './cache-store';
export type { TaskOverview } from './task-summary';
export { defaultStorePath } from './default-path';
export { SqliteImage } from './sqlite-image';
export { migrations, type Migration, UnknownSchemaError } from './schema';
export { writeFileAtomic, type AtomicWriteIo } from './atomic-write';
export type { HistoryEvent, HistoryQuery, HistorySource, HistoryStatus, TaskStats } from './history-types';
export { HISTORY_SOURCES, HISTORY_STATUSES } from './history-types';
export { StoreLockedError, lockPath, type LockOptions } from './store-lock';
export { populatedEventsOf } from './derived-events';
export type { BulkRows, ImportRows, OrderedEntry } from './import-rows';
