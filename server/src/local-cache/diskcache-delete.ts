// Deletes keys from a flytekit local cache the way flytekit itself would touch it: through the
// user's Python and python-diskcache (`diskcache.Cache(dir).delete(key)`), so SQLite's locking,
// the WAL and diskcache's .val files and size counters all stay right. We never write cache.db
// ourselves.
import { spawn } from 'node:child_process';

/** Python cannot be started, lacks diskcache, or the script failed. The message says which and what to do. */
export class EvictionError extends Error {}

export interface DeleteResult {
  /** Keys diskcache removed. */
  removed: string[];
  /** Keys that were already gone. */
  missing: string[];
}

export interface DeleteOptions {
  /** Kill Python after this long (diskcache itself waits up to 60 s for a locked database). */
  timeoutMs?: number;
}

// Reads {"directory", "keys", "flyte2Keys"} from stdin and prints one JSON object. flytekit keys
// go through diskcache; Flyte 2 keys (table task_cache, written by flyte-sdk with plain sqlite3)
// are deleted with sqlite3 the same way. Refuses to open a folder without cache.db, so a wrong
// path never creates an empty cache.
const SCRIPT = `
import json, os, sys
spec = json.load(sys.stdin)
directory = spec["directory"]
if not os.path.isfile(os.path.join(directory, "cache.db")):
    json.dump({"error": "no-cache", "detail": directory}, sys.stdout)
    sys.exit(0)
removed, missing = [], []
if spec["keys"]:
    try:
        import diskcache
    except ImportError as error:
        json.dump({"error": "no-diskcache", "executable": sys.executable, "detail": str(error)}, sys.stdout)
        sys.exit(0)
    with diskcache.Cache(directory) as cache:
        for key in spec["keys"]:
            (removed if cache.delete(key, retry=True) else missing).append(key)
if spec["flyte2Keys"]:
    import sqlite3
    conn = sqlite3.connect(os.path.join(directory, "cache.db"), timeout=60)
    try:
        with conn:
            for key in spec["flyte2Keys"]:
                gone = conn.execute("DELETE FROM task_cache WHERE key = ?", (key,)).rowcount > 0
                (removed if gone else missing).append(key)
    finally:
        conn.close()
json.dump({"removed": removed, "missing": missing}, sys.stdout)
`;

/** Runs `python` with the embedded script; resolves with what was removed, rejects with an EvictionError. */
export async function deleteWithDiskcache(python: string, directory: string, keys: readonly string[], options: DeleteOptions & { flyte2Keys?: readonly string[] } = {}): Promise<DeleteResult> {
  const spec = { directory, keys, flyte2Keys: options.flyte2Keys ?? [] };
  const run = await runPython(python, directory, JSON.stringify(spec), options.timeoutMs ?? 120_000);
  let reply: Record<string, unknown>;
  try {
    reply = JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    const detail = (run.stderr.trim() || run.stdout.trim()).split('\n').slice(-3).join(' | ');
    throw new EvictionError(`${python} failed while deleting cache entries (exit ${run.code ?? run.signal}): ${detail || 'no output'}`);
  }
  if (reply['error'] === 'no-diskcache') {
    const executable = typeof reply['executable'] === 'string' && reply['executable'] !== python ? ` (${reply['executable']})` : '';
    throw new EvictionError(`diskcache is not installed for ${python}${executable}: pip install diskcache (or choose the Python that runs pyflyte)`);
  }
  if (reply['error'] === 'no-cache') throw new EvictionError(`No cache.db in ${directory}: nothing to evict`);
  if (run.code !== 0) throw new EvictionError(`${python} exited with ${run.code ?? run.signal} while deleting cache entries: ${run.stderr.trim()}`);
  return { removed: stringList(reply['removed']), missing: stringList(reply['missing']) };
}

interface PythonRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function runPython(python: string, directory: string, input: string, timeoutMs: number): Promise<PythonRun> {
  return new Promise((resolve, reject) => {
    // cwd is the cache folder: `-c` puts the working directory first on sys.path, and a
    // workspace's own `diskcache.py` must not shadow the real one.
    const child = spawn(python, ['-c', SCRIPT], { cwd: directory, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    // Our own timer (spawn's `timeout` keeps the process alive when the program is missing).
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        new EvictionError(
          error.code === 'ENOENT'
            ? `Python interpreter not found: ${python}. Install Python with diskcache, or name the interpreter that runs pyflyte`
            : `Cannot run ${python}: ${error.message}`,
        ),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // Python that exits early closes the pipe; 'close' reports it.
    child.stdin.end(input);
  });
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
