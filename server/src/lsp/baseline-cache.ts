// The baseline (the file at a git ref, parsed) of each open document, for the staleness rules.
// Reading it is asynchronous: a diagnostics pull waits for it briefly, and when it arrives later
// (or a new commit changes it) `onChanged` asks the client to pull again.
import { fileURLToPath } from 'node:url';
import { PythonDocument } from '../analysis';
import type { BaselineResult } from '../baseline/git';

export type BaselineReader = (file: string, ref: string) => Promise<BaselineResult>;

export interface DocumentBaseline {
  readonly doc: PythonDocument;
  readonly ref: string;
}

interface Entry {
  /** The baseline as last read; undefined when there is none (or not read yet). */
  baseline?: DocumentBaseline;
  /** Text of the baseline handed out by `get`, to tell whether a newer read changes anything. */
  served?: string;
  loaded: boolean;
  checkedAt: number;
  pending?: Promise<void>;
}

export class BaselineCache {
  private readonly entries = new Map<string, Entry>();
  private notify: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly read: BaselineReader,
    private readonly onChanged: () => void,
    private readonly log: (message: string) => void = () => {},
    /** A baseline older than this is re-checked (a commit may have moved the ref). */
    private readonly maxAgeMs = 3000,
  ) {}

  /** The baseline of `uri` at `ref` ("" turns the comparison off); waits at most `waitMs` for a first read. */
  async get(uri: string, ref: string, waitMs = 1000): Promise<DocumentBaseline | undefined> {
    if (!ref || !uri.startsWith('file:')) return undefined;
    const key = `${ref}\0${uri}`;
    let entry = this.entries.get(key);
    if (!entry) this.entries.set(key, (entry = { loaded: false, checkedAt: 0 }));
    if (!entry.pending && Date.now() - entry.checkedAt >= this.maxAgeMs) entry.pending = this.load(key, entry, uri, ref);
    if (!entry.loaded && entry.pending) await within(entry.pending, waitMs);
    entry.served = entry.baseline?.doc.text;
    return entry.baseline;
  }

  /** Re-checks every known baseline now, e.g. after a save or when the user may have committed. */
  revalidate(): void {
    for (const [key, entry] of this.entries) {
      if (entry.pending) continue;
      const [ref = '', uri = ''] = key.split('\0');
      entry.pending = this.load(key, entry, uri, ref);
    }
  }

  forget(uri: string): void {
    for (const key of [...this.entries.keys()]) if (key.endsWith(`\0${uri}`)) this.entries.delete(key);
  }

  private async load(key: string, entry: Entry, uri: string, ref: string): Promise<void> {
    let result: BaselineResult;
    try {
      result = await this.read(fileURLToPath(uri), ref);
    } catch (err) {
      result = { missing: 'error', detail: err instanceof Error ? err.message : String(err) };
    }
    if ('text' in result) {
      if (entry.baseline?.doc.text !== result.text) entry.baseline = { doc: PythonDocument.create(result.text), ref };
    } else {
      delete entry.baseline;
      if (result.missing === 'error') this.log(`No git baseline for ${uri}: ${result.detail ?? 'unknown error'}`);
    }
    entry.loaded = true;
    entry.checkedAt = Date.now();
    delete entry.pending;
    // After the awaiting `get` (if any) has run: only a baseline nobody has seen asks for a pull.
    setTimeout(() => {
      if (this.entries.get(key) === entry && entry.served !== entry.baseline?.doc.text) this.changed();
    }, 0);
  }

  private changed(): void {
    if (this.notify) return;
    this.notify = setTimeout(() => {
      this.notify = undefined;
      this.onChanged();
    }, 50);
  }
}

function within(promise: Promise<void>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    void promise.finally(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
