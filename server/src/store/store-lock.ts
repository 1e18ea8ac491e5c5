// A lock file next to the store, so two processes (two VS Code windows, the CLI) never write
// it at the same time. Created with O_EXCL; holds the holder's pid, host and time. A lock whose
// holder is gone (same host, pid not running) or that is older than `staleMs` is taken over.
import fs from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';

export interface LockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock older than this is taken over even if its holder looks alive (default 20 s). */
  staleMs?: number;
}

interface LockContent {
  pid: number;
  host: string;
  time: number;
  nonce: string;
}

export class StoreLockedError extends Error {}

export function lockPath(storeFile: string): string {
  return `${storeFile}.lock`;
}

/** Runs `body` while holding the store's lock file; always releases it. */
export async function withStoreLock<T>(storeFile: string, body: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const release = await acquire(lockPath(storeFile), options);
  try {
    return await body();
  } finally {
    await release();
  }
}

async function acquire(file: string, options: LockOptions): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const staleMs = options.staleMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  const mine: LockContent = { pid: process.pid, host: os.hostname(), time: Date.now(), nonce: randomBytes(8).toString('hex') };
  for (let attempt = 0; ; attempt++) {
    mine.time = Date.now();
    try {
      const handle = await fs.promises.open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(mine));
      } finally {
        await handle.close();
      }
      return () => releaseIfMine(file, mine.nonce);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await readLock(file);
    if (holder !== undefined && isStale(holder, staleMs)) {
      await takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host} since ${new Date(holder.time).toISOString()}` : 'another process';
      throw new StoreLockedError(`the store is locked by ${who} (${file}); gave up after ${timeoutMs} ms`);
    }
    await sleep(Math.min(5 + attempt * 5, 50) + Math.random() * 20);
  }
}

/** undefined: the lock vanished meanwhile. A lock we cannot parse (a holder mid-write) counts by its mtime. */
async function readLock(file: string): Promise<LockContent | undefined> {
  let text: string;
  let mtime: number;
  try {
    [text, mtime] = await Promise.all([fs.promises.readFile(file, 'utf8'), fs.promises.stat(file).then((s) => s.mtimeMs)]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.time === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, time: parsed.time, nonce: String(parsed.nonce ?? '') };
    }
  } catch {
    // Fall through: judged by age only.
  }
  return { pid: -1, host: '', time: mtime, nonce: '' };
}

function isStale(holder: LockContent, staleMs: number): boolean {
  if (Date.now() - holder.time > staleMs) return true;
  if (holder.host === os.hostname() && holder.pid > 0 && holder.pid !== process.pid) return !processAlive(holder.pid);
  return false;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Moves the stale lock aside (rename is atomic, so only one taker wins it) and checks that what
 * it moved is the stale lock it judged; if a fresh lock was moved instead it is put back.
 */
async function takeOver(file: string, stale: LockContent): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await fs.promises.rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readLock(aside);
  if (moved !== undefined && moved.nonce !== stale.nonce) {
    await fs.promises.link(aside, file).catch(() => undefined);
  }
  await fs.promises.unlink(aside).catch(() => undefined);
}

async function releaseIfMine(file: string, nonce: string): Promise<void> {
  const holder = await readLock(file).catch(() => undefined);
  if (holder?.nonce === nonce) await fs.promises.unlink(file).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
