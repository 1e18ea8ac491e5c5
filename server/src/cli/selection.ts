// `--select` / `--ignore`: comma lists of rule codes or code prefixes (`FC1` is every FC1xx rule,
// `ALL` every rule), as in ruff. A selector that matches no rule is a usage error, so a typo
// never silently turns a rule off.
import { UsageError } from './args';

export interface Selection {
  select?: readonly string[] | undefined;
  ignore?: readonly string[] | undefined;
}

export function parseSelectors(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  return value
    .split(',')
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s.length > 0);
}

/** The codes to run: the selected ones (all when no selection), minus the ignored ones. */
export function selectedCodes(codes: readonly string[], selection: Selection): string[] {
  const selected = selection.select ? matching(codes, selection.select, 'select') : new Set(codes);
  const ignored = selection.ignore ? matching(codes, selection.ignore, 'ignore') : new Set<string>();
  return codes.filter((c) => selected.has(c) && !ignored.has(c));
}

function matching(codes: readonly string[], selectors: readonly string[], option: string): Set<string> {
  const result = new Set<string>();
  for (const selector of selectors) {
    const hits = selector === 'ALL' ? codes : codes.filter((c) => c.startsWith(selector));
    if (hits.length === 0) throw new UsageError(`--${option}: "${selector}" matches no rule; \`flyte-cache rules\` lists them`);
    for (const c of hits) result.add(c);
  }
  return result;
}
