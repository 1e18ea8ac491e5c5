// Which rules run: `select` and `ignore` hold codes or code prefixes (`FC2` is every FC2xx rule,
// `ALL` every rule), as in ruff. No (or an empty) `select` means every rule; `ignore` wins.
import type { Rule } from './model';

export function selectorMatches(selector: string, code: string): boolean {
  const s = selector.trim().toUpperCase();
  return s === 'ALL' || (s.length > 0 && code.toUpperCase().startsWith(s));
}

export function isRuleEnabled(code: string, select: readonly string[] | undefined, ignore: readonly string[] | undefined): boolean {
  if (select && select.length > 0 && !select.some((s) => selectorMatches(s, code))) return false;
  return !ignore?.some((s) => selectorMatches(s, code));
}

export function selectRules(
  rules: ReadonlyMap<string, Rule>,
  select: readonly string[] | undefined,
  ignore: readonly string[] | undefined,
): ReadonlyMap<string, Rule> {
  if (!select?.length && !ignore?.length) return rules;
  return new Map([...rules].filter(([code]) => isRuleEnabled(code, select, ignore)));
}
