// `flyte-cache record [--store PATH] -- pyflyte run ...`: runs the command with flytekit's
// cache log switched on (INFO, no rich formatting), passes its output through unchanged,
// records each cache lookup in the store, and exits with the command's exit code.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { LookupRecorder } from '../history/lookup-recorder';
import { parseArgs, UsageError } from './args';
import { openStore } from './cache';

export interface RecordIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  err: (s: string) => void;
}

/** flytekit/loggers.py: FLYTE_SDK_LOGGING_LEVEL sets the handler level; FLYTE_SDK_RICH_TRACEBACKS=0 turns off rich output. */
export function recordingEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const current = Number(env['FLYTE_SDK_LOGGING_LEVEL']);
  const level = Number.isInteger(current) && current > 0 && current < 20 ? current : 20;
  return { ...env, FLYTE_SDK_LOGGING_LEVEL: String(level), FLYTE_SDK_RICH_TRACEBACKS: '0' };
}

export async function record(argv: readonly string[], io: RecordIo): Promise<number> {
  const args = parseArgs(argv, ['store'], []);
  const [command, ...commandArgs] = args.positionals;
  if (command === undefined) throw new UsageError('record needs a command after `--`, e.g. `flyte-cache record -- pyflyte run wf.py wf`');
  const started = new Date();
  const execution = `record-${started.toISOString()}-${process.pid}`;
  const recorder = new LookupRecorder(execution);

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    const child = spawn(command, commandArgs, { stdio: ['inherit', 'pipe', 'pipe'], env: recordingEnv(process.env) });
    scan(child.stdout, io.stdout, (line) => recorder.line(line, Date.now(), 'stdout'));
    scan(child.stderr, io.stderr, (line) => recorder.line(line, Date.now(), 'stderr'));
    child.on('error', (error) => resolve({ code: null, signal: null, error }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  if (exit.error) {
    io.err(`flyte-cache: could not run ${command}: ${exit.error.message}\n`);
    return 2;
  }

  const events = recorder.result();
  const store = await openStore(args.options.get('store'), io.err);
  try {
    const added = store.addEvents(events);
    await store.save();
    const count = (status: string) => events.filter((e) => e.status === status).length;
    const lookups = count('hit') + count('miss') + count('overwrite');
    io.err(
      lookups === 0
        ? `flyte-cache: no cache lookups seen in the output (is a task cached, and is the local cache on?)\n`
        : `flyte-cache: recorded ${lookups} cache lookups (${count('hit')} hits, ${count('miss')} misses, ${count('overwrite')} overwrites; ${added} new events) in ${store.file}\n`,
    );
  } finally {
    store.close();
  }
  if (exit.signal) return 128 + (os.constants.signals[exit.signal] ?? 0);
  return exit.code ?? 1;
}

/** Copies the bytes through unchanged and calls `onLine` for every complete line. */
function scan(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, onLine: (line: string) => void): void {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  from.on('data', (chunk: Buffer) => {
    to.write(chunk);
    rest += decoder.write(chunk);
    let newline: number;
    while ((newline = rest.indexOf('\n')) >= 0) {
      onLine(rest.slice(0, newline));
      rest = rest.slice(newline + 1);
    }
  });
  from.on('end', () => {
    rest += decoder.end();
    if (rest) onLine(rest);
  });
}
