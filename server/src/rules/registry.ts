// The single code → rule table. A code is never reused; retired codes go to redirects.
import type { Rule } from '../engine/model';
import { cacheWithoutVersion } from './cache-without-version';
import { unknownTaskKeyword } from './unknown-task-keyword';

export const RULES: ReadonlyMap<string, Rule> = new Map<string, Rule>([
  ['FC101', cacheWithoutVersion],
  ['FC106', unknownTaskKeyword],
]);

export function ruleByCode(code: string): Rule | undefined {
  return RULES.get(code.toUpperCase());
}

export function ruleByName(name: string): [string, Rule] | undefined {
  for (const entry of RULES) if (entry[1].name === name) return entry;
  return undefined;
}
