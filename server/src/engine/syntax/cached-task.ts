// Whether a task certainly caches, and which of its inputs are certainly left out of the key: the
// facts the hint rules (FC30x) need before saying anything.
import type { SyntaxNode } from '@lezer/common';
import { cacheField } from './cache-calls';
import { cacheConfig, effectiveKeyword } from './cache-config';
import { sequenceElements } from './literals';
import { stringLiteral } from './strings';
import type { FlyteModule, TaskDecl } from './tasks';

/** The task's cache is known to be on (flytekit, Union or Flyte 2). */
export function isCachedTask(module: FlyteModule, task: TaskDecl): boolean {
  if (task.broken) return false;
  const config = cacheConfig(module, task);
  return !config.opaque && config.cache === 'on';
}

/**
 * The input names left out of the cache key; undefined when that is not knowable (a non-literal
 * list, a bare string, a `Cache` with splats).
 */
export function ignoredInputNames(module: FlyteModule, task: TaskDecl): Set<string> | undefined {
  const text = module.doc.text;
  const names = new Set<string>();
  const add = (value: SyntaxNode | undefined): boolean => {
    const elements = value ? sequenceElements(value) : undefined;
    if (!elements) return false;
    for (const element of elements) {
      const literal = stringLiteral(element, text);
      if (!literal) return false;
      names.add(literal.value);
    }
    return true;
  };
  const config = cacheConfig(module, task);
  if (config.cacheObject) {
    const sdk = task.sdk === 'flyte2' ? 'flyte2' : 'flytekit';
    if (config.cacheObject.arguments.args.some((a) => a.kind === 'star' || a.kind === 'doubleStar')) return undefined;
    const field = cacheField({ sdk, call: config.cacheObject }, 'ignored_inputs');
    if (field && !add(field.value)) return undefined;
  }
  if (task.sdk !== 'flyte2') {
    const legacy = effectiveKeyword(task, 'cache_ignore_input_vars');
    if (legacy && !add(legacy.arg.value)) return undefined;
  }
  return names;
}
