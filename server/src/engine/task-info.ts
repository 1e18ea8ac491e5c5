// What the editor and the CLI are told about each task: plain data (no tree nodes), so the
// language server can keep it per statement between edits (task-rules.ts).
import { cacheConfig } from './syntax/cache-config';
import type { FlyteModule, TaskDecl } from './syntax/tasks';

export interface TaskInfo {
  name: string;
  flavor: 'flytekit' | 'flyte2';
  defStart: number;
  defEnd: number;
  nameStart: number;
  nameEnd: number;
  decoratorStart: number;
  decoratorEnd: number;
  cache: 'on' | 'off' | 'unknown';
  /** The literal's range includes its quotes; for a constant it is the literal at the definition. */
  version: { value: string; start: number; end: number; viaConstant?: string } | 'unknown' | undefined;
}

export function taskInfo(module: FlyteModule, task: TaskDecl): TaskInfo {
  const config = cacheConfig(module, task);
  const v = config.version;
  const version: TaskInfo['version'] =
    v.kind === 'absent'
      ? undefined
      : v.kind === 'unknown'
        ? 'unknown'
        : { value: v.version.value, start: v.version.literal.start, end: v.version.literal.end, ...(v.version.viaConstant ? { viaConstant: v.version.viaConstant } : {}) };
  return {
    name: task.name,
    flavor: task.sdk === 'flyte2' ? 'flyte2' : 'flytekit',
    defStart: task.defStart,
    defEnd: task.defEnd,
    nameStart: task.nameStart,
    nameEnd: task.nameEnd,
    decoratorStart: task.decoratorStart,
    decoratorEnd: task.decoratorEnd,
    cache: config.cache,
    version,
  };
}
