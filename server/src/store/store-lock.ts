// A lock file next to the store, so two processes (two VS Code windows, the CLI) never write
// it at the same time. It holds the holder's pid, host, time and a nonce, and appears with its
// content in one step (a hard link of a written temp file; O_EXCL where links are not supported).
// A lock whose holder is gone (same host, pid not running) or that is older than `staleMs` is
// taken over; takeOver explains how only one process can do that.
import fs from 'node:fs';
import os from 'node:os';
import { createHash, randomBytes } from 'node:crypto';
import { openUnless } from './open-unless';

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

/** A lock as read: its content and which file it is (a new lock is a new file). */
interface LockFile extends LockContent {
  id: string;
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
    if (await create(file, mine)) return () => releaseIfMine(file, mine.nonce);
    const holder = await readLock(file);
    if (holder !== undefined && isStale(holder, staleMs)) {
      // Another process holds the claim: it is moving the lock away right now.
      if (!(await takeOver(file, holder, staleMs))) await sleep(2 + Math.random() * 5);
      continue;
    }
    if (Date.now() >= deadline) {
      const who = holder ? `process ${holder.pid} on ${holder.host} since ${new Date(holder.time).toISOString()}` : 'another process';
      throw new StoreLockedError(`the store is locked by ${who} (${file}); gave up after ${timeoutMs} ms`);
    }
    await sleep(Math.min(5 + attempt * 5, 50) + Math.random() * 20);
  }
}

/** Creates the lock unless one exists. Never leaves a lock without content for another process to judge by its age. */
async function create(file: string, content: LockContent): Promise<boolean> {
  const temp = `${file}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`;
  await fs.promises.writeFile(temp, JSON.stringify(content), { flag: 'wx' });
  try {
    await fs.promises.link(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    return createExclusive(file, content);
  } finally {
    await fs.promises.unlink(temp).catch(() => undefined);
  }
}

/** For file systems without hard links: O_EXCL, then the content. */
async function createExclusive(file: string, content: LockContent): Promise<boolean> {
  const handle = await openUnless(file, 'wx', 'EEXIST');
  if (!handle) return false;
  try {
    await handle.writeFile(JSON.stringify(content));
  } finally {
    await handle.close();
  }
  return true;
}

/** undefined: the lock vanished meanwhile. A lock we cannot parse counts by its mtime. Content and identity come from one open file. */
async function readLock(file: string): Promise<LockFile | undefined> {
  const handle = await openUnless(file, 'r', 'ENOENT');
  if (!handle) return undefined;
  let text: string;
  let stat: fs.BigIntStats;
  try {
    stat = await handle.stat({ bigint: true });
    text = await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
  const id = `${stat.dev}:${stat.ino}:${stat.mtimeNs}:${stat.size}`;
  try {
    const parsed = JSON.parse(text) as Partial<LockContent>;
    if (typeof parsed.pid === 'number' && typeof parsed.time === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, time: parsed.time, nonce: String(parsed.nonce ?? ''), id };
    }
  } catch {
    // Fall through: judged by age only.
  }
  return { pid: -1, host: '', time: Number(stat.mtimeMs), nonce: '', id };
}

function sameLock(a: LockFile, b: LockFile): boolean {
  return a.id === b.id && a.nonce === b.nonce;
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
 * Takes over a stale lock. The taker first creates a claim file named after that very lock file
 * (its inode, mtime and nonce) with O_EXCL: of the processes that judged it stale at the same
 * instant exactly one gets the claim, checks the lock is still that file and moves it away; the
 * others wait and try again. A claim outlives its taker only if the taker died in those few
 * milliseconds: after `staleMs` it is removed and the lock judged again. A new lock is a new file
 * with a new nonce, so a late claim for an old lock never removes it.
 */
async function takeOver(file: string, stale: LockFile, staleMs: number): Promise<boolean> {
  const claim = `${file}.takeover-${createHash('sha256').update(`${stale.id}:${stale.nonce}`).digest('hex').slice(0, 16)}`;
  try {
    await fs.promises.writeFile(claim, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    await removeIfOlder(claim, staleMs);
    return false;
  }
  try {
    const current = await readLock(file);
    if (current === undefined || !sameLock(current, stale)) return true;
    const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await fs.promises.rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
    // Only if the stale holder was alive after all, released, and another process locked since.
    const moved = await readLock(aside);
    if (moved !== undefined && !sameLock(moved, stale)) await fs.promises.link(aside, file).catch(() => undefined);
    await fs.promises.unlink(aside).catch(() => undefined);
    return true;
  } finally {
    await fs.promises.unlink(claim).catch(() => undefined);
  }
}

async function removeIfOlder(file: string, ageMs: number): Promise<void> {
  try {
    const stat = await fs.promises.stat(file);
    if (Date.now() - stat.mtimeMs <= ageMs) return;
    const aside = `${file}.old-${process.pid}-${randomBytes(4).toString('hex')}`;
    await fs.promises.rename(file, aside);
    await fs.promises.unlink(aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

async function releaseIfMine(file: string, nonce: string): Promise<void> {
  const holder = await readLock(file).catch(() => undefined);
  if (holder?.nonce === nonce) await fs.promises.unlink(file).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
