// Reads flytekit's cache log messages (flytekit/core/base_task.py, `local_execute`), logged at
// INFO on the `flytekit` logger. With FLYTE_SDK_RICH_TRACEBACKS=0 flytekit's handler prints JSON
// (`{"asctime": ..., "name": "flytekit", "levelname": "INFO", "message": ...}`, the default) or,
// with FLYTE_SDK_LOGGING_FORMAT set to anything else, plain `[flytekit] <message>` lines
// (flytekit/loggers.py). The inputs are a protobuf text dump, so in plain format they run over
// the following lines.

export type CacheLogMessage =
  | { kind: 'check'; task: string; version: string; inputs: string }
  | { kind: 'hit' }
  | { kind: 'miss' }
  | { kind: 'overwrite' }
  | { kind: 'set'; task: string; version: string; inputs: string };

/** The message of a flytekit log line, or undefined for any other line. */
export function flytekitMessage(line: string): string | undefined {
  const text = line.replace(/\r$/, '');
  if (text.startsWith('{')) {
    try {
      const record = JSON.parse(text) as Record<string, unknown>;
      const name = record['name'];
      const message = record['message'];
      if (typeof name === 'string' && (name === 'flytekit' || name.startsWith('flytekit.')) && typeof message === 'string') return message;
    } catch {
      return undefined;
    }
    return undefined;
  }
  const plain = /^\[flytekit(?:\.[\w.]+)?\] (.*)$/s.exec(text);
  return plain?.[1];
}

// "Checking cache for task named {name}, cache version {version} and inputs: {inputs}"; older
// releases wrote ", inputs:" instead of " and inputs:".
const CHECK = /^Checking cache for task named (.+?), cache version (.*?)(?: and inputs: | ?, inputs: )(.*)$/s;
const SET = /^Cache set for task named (.+?), cache version (.*?)(?: and inputs: | ?, inputs: )(.*)$/s;

/** Classifies a flytekit message; undefined for messages that are not about the local cache. */
export function parseCacheMessage(message: string): CacheLogMessage | undefined {
  const trimmed = message.trim();
  if (trimmed === 'Cache hit') return { kind: 'hit' };
  if (trimmed === 'Cache miss, task will be executed now') return { kind: 'miss' };
  if (trimmed === 'Cache overwrite, task will be executed now') return { kind: 'overwrite' };
  const check = CHECK.exec(message);
  if (check) return { kind: 'check', task: check[1]!, version: check[2]!, inputs: check[3]! };
  const set = SET.exec(message);
  if (set) return { kind: 'set', task: set[1]!, version: set[2]!, inputs: set[3]! };
  return undefined;
}
