// A cheap identity of a local cache's current content: size, mtime and inode of cache.db and
// cache.db-wal. Every diskcache write commits through one of them, so an equal fingerprint
// means an import would read the same rows. Taken before reading, so a write during an import
// only makes the next import read again, never skip a change.
import fs from 'node:fs';

/** Bumped whenever the importer reads something new out of the same files, so older imports are redone. */
export const IMPORTER_REVISION = 2;

export async function localCacheFingerprint(dbFile: string): Promise<string> {
  const parts = await Promise.all([dbFile, `${dbFile}-wal`].map(describeFile));
  return `r${IMPORTER_REVISION};${parts.join(';')}`;
}

async function describeFile(file: string): Promise<string> {
  try {
    const s = await fs.promises.stat(file, { bigint: true });
    return `${s.size}:${s.mtimeNs}:${s.ino}`;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '-';
    throw error;
  }
}
