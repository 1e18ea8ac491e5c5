import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file operations writeFileAtomic uses; tests pass a variant that fails at a chosen step. */
export interface AtomicWriteIo {
  open(file: string, flags: string): Promise<fs.promises.FileHandle>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeIo: AtomicWriteIo = {
  open: (file, flags) => fs.promises.open(file, flags),
  rename: (from, to) => fs.promises.rename(from, to),
  unlink: (file) => fs.promises.unlink(file),
};

/**
 * Replaces `file` with `bytes` so readers see the old or the new content, never a mix:
 * write a temp file in the same folder, fsync it, rename it over the target.
 * On failure the temp file is removed and the old file is left as it was.
 */
export async function writeFileAtomic(file: string, bytes: Uint8Array, io: AtomicWriteIo = nodeIo): Promise<void> {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let written = false;
  try {
    const handle = await io.open(temp, 'wx');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await io.rename(temp, file);
    written = true;
  } finally {
    if (!written) await io.unlink(temp).catch(() => undefined);
  }
  await syncDirectory(dir);
}

/** Makes the rename durable; not every platform can open a folder, so failures are ignored. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.promises.FileHandle | undefined;
  try {
    handle = await fs.promises.open(dir, 'r');
    await handle.sync();
  } catch {
    // Windows cannot fsync a directory; the rename is still atomic there.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
