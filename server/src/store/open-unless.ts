import fs from 'node:fs';

/**
 * `fs.promises.open`, or undefined when it fails with `expected` (`EEXIST` for an exclusive
 * create of a file that exists, `ENOENT` for a file that is gone); other errors are thrown.
 */
export async function openUnless(file: string, flags: string, expected: 'EEXIST' | 'ENOENT'): Promise<fs.promises.FileHandle | undefined> {
  try {
    return await fs.promises.open(file, flags);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === expected) return undefined;
    throw error;
  }
}
