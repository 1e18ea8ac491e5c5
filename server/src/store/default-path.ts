import os from 'node:os';
import path from 'node:path';

/** $FLYTE_CACHE_STORE, else $XDG_DATA_HOME/flyte-cache-inspector/store.sqlite, else ~/.local/share/flyte-cache-inspector/store.sqlite. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env['FLYTE_CACHE_STORE'];
  if (explicit) return path.resolve(explicit);
  const dataHome = env['XDG_DATA_HOME'];
  const base = dataHome && path.isAbsolute(dataHome) ? dataHome : path.join(env['HOME'] || os.homedir(), '.local', 'share');
  return path.join(base, 'flyte-cache-inspector', 'store.sqlite');
}
