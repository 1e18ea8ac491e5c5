// Turns the log lines of one `pyflyte run` into history events: one per cache lookup (hit,
// miss, overwrite) at the time of "Checking cache", and a `populated` event at "Cache set"
// whose duration is the time from the lookup to the set (the task's run).
import { createHash } from 'node:crypto';
import type { HistoryEvent } from '../store';
import { flytekitMessage, parseCacheMessage } from './flytekit-log';

interface Check {
  task: string;
  version: string;
  inputs: string[];
  atMs: number;
  /** Plain format: the inputs continue on the next lines of the same stream until the next flytekit line. */
  collecting: boolean;
  stream: string;
}

interface Running {
  task: string;
  version: string;
  hash: string;
  atMs: number;
}

export class LookupRecorder {
  private readonly events: HistoryEvent[] = [];
  private check: Check | undefined;
  private readonly running: Running[] = [];

  constructor(private readonly execution: string) {}

  /** Feeds one output line (without its newline) seen at `timeMs` (Unix ms) on `stream` (stdout and stderr are read apart). */
  line(text: string, timeMs: number, stream = 'stderr'): void {
    const message = flytekitMessage(text);
    if (message === undefined) {
      if (this.check?.collecting && this.check.stream === stream) this.check.inputs.push(text);
      return;
    }
    if (this.check) this.check.collecting = false;
    const parsed = parseCacheMessage(message);
    if (!parsed) return;
    switch (parsed.kind) {
      case 'check':
        this.check = { task: parsed.task, version: parsed.version, inputs: [parsed.inputs], atMs: timeMs, collecting: !text.startsWith('{'), stream };
        return;
      case 'hit': {
        const check = this.takeCheck();
        if (check) this.push(check.task, check.version, inputsId(check.inputs), 'hit', check.atMs, timeMs - check.atMs);
        return;
      }
      case 'miss':
      case 'overwrite': {
        const check = this.takeCheck();
        if (!check) return;
        const hash = inputsId(check.inputs);
        this.push(check.task, check.version, hash, parsed.kind, check.atMs, null);
        this.running.push({ task: check.task, version: check.version, hash, atMs: check.atMs });
        return;
      }
      case 'set': {
        const i = this.running.map((r) => r.task === parsed.task && r.version === parsed.version).lastIndexOf(true);
        if (i >= 0) {
          const [run] = this.running.splice(i, 1);
          this.push(run!.task, run!.version, run!.hash, 'populated', timeMs, timeMs - run!.atMs);
        } else {
          this.push(parsed.task, parsed.version, inputsId([parsed.inputs]), 'populated', timeMs, null);
        }
        return;
      }
    }
  }

  /** The events recorded so far, oldest first. */
  result(): HistoryEvent[] {
    return [...this.events];
  }

  private takeCheck(): Check | undefined {
    const check = this.check;
    this.check = undefined;
    return check;
  }

  private push(task: string, version: string, hash: string, status: HistoryEvent['status'], atMs: number, durationMs: number | null): void {
    this.events.push({ task, version, hash, status, source: 'recorded', execution: this.execution, time: atMs / 1000, durationMs: durationMs === null ? null : Math.max(0, durationMs) });
  }
}

/**
 * An id for the logged inputs: `logged-` and 16 hex of a SHA-256 over the text with whitespace
 * collapsed. flytekit's own key hash (joblib over a pickle) cannot be computed outside Python.
 */
export function inputsId(lines: readonly string[]): string {
  const text = lines.join('\n').replace(/\s+/g, ' ').trim();
  return `logged-${createHash('sha256').update(text).digest('hex').slice(0, 16)}`;
}
