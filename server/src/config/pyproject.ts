// `[tool.flyte-cache]` in pyproject.toml: parsed with smol-toml and checked key by key. A bad value
// is reported and skipped; an unreadable file yields the defaults and one warning, never a throw.
import { parse } from 'smol-toml';
import { RULES } from '../rules/registry';
import { selectorMatches } from '../engine/selection';

export type DefaultCachePolicy = 'none' | 'function-body';

export interface FlyteCacheConfig {
  /** Rule codes or prefixes (`FC1`, `ALL`) to run; absent: every rule. */
  select?: string[];
  /** Rule codes or prefixes never to run. */
  ignore?: string[];
  defaultCachePolicy?: DefaultCachePolicy;
  /** Git ref the version-history rules compare against (FC401/FC402). */
  baseline?: string;
  /** Globs relative to `root`: files and folders not checked. */
  exclude: string[];
  /** Folder of the pyproject.toml this came from; absent for the defaults. */
  root?: string;
}

export const SECTION = 'tool.flyte-cache';
const KEYS = ['select', 'ignore', 'default-cache-policy', 'baseline', 'exclude'] as const;

export interface ParsedPyproject {
  /** The `[tool.flyte-cache]` table was present. */
  found: boolean;
  config: FlyteCacheConfig;
  warnings: string[];
}

/** Parses one pyproject.toml's text; `file` names it in warnings, `root` is its folder. */
export function parsePyproject(text: string, file: string, root: string): ParsedPyproject {
  const config: FlyteCacheConfig = { exclude: [], root };
  let document: unknown;
  try {
    document = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const where = typeof (error as { line?: unknown }).line === 'number' ? ` (line ${(error as { line: number }).line})` : '';
    return { found: false, config: { exclude: [] }, warnings: [`${file}: not valid TOML${where}: ${reason}; using the default settings`] };
  }
  const table = (asTable(document)?.['tool'] as Record<string, unknown> | undefined)?.['flyte-cache'];
  if (table === undefined) return { found: false, config, warnings: [] };
  const warnings: string[] = [];
  const warn = (key: string, problem: string) => warnings.push(`${file}: [${SECTION}] ${key}: ${problem}`);
  const section = asTable(table);
  if (!section) {
    warnings.push(`${file}: [${SECTION}] must be a table; using the default settings`);
    return { found: true, config, warnings };
  }
  for (const [key, value] of Object.entries(section)) {
    switch (key) {
      case 'select':
      case 'ignore': {
        const list = stringList(value);
        if (!list) warn(key, 'expected a list of rule codes, such as ["FC1", "FC201"]');
        else config[key] = selectors(list, (problem) => warn(key, problem));
        break;
      }
      case 'default-cache-policy':
        if (value === 'none' || value === 'function-body') config.defaultCachePolicy = value;
        else warn(key, `expected "none" or "function-body", got ${JSON.stringify(value)}`);
        break;
      case 'baseline':
        if (typeof value === 'string' && value.trim()) config.baseline = value.trim();
        else warn(key, 'expected a git ref, such as "HEAD" or "origin/main"');
        break;
      case 'exclude': {
        const list = stringList(value);
        if (!list) warn(key, 'expected a list of glob patterns, such as ["tests/**", "legacy.py"]');
        else config.exclude = list.filter((p) => p.trim().length > 0);
        break;
      }
      default:
        warn(key, `unknown key (known: ${KEYS.join(', ')})`);
    }
  }
  return { found: true, config, warnings };
}

function asTable(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) return undefined;
  return value as string[];
}

/**
 * Upper-cased selectors. One that matches no rule is kept (so `select = ["FC999"]` still selects
 * nothing rather than everything) and reported, so a typo is visible.
 */
function selectors(list: readonly string[], warn: (problem: string) => void): string[] {
  const codes = [...RULES.keys()];
  return list.map((raw) => {
    const selector = raw.trim().toUpperCase();
    if (!/^(ALL|[A-Z]+[0-9]*)$/.test(selector)) warn(`"${raw}" is not a rule code or prefix`);
    else if (!codes.some((code) => selectorMatches(selector, code))) warn(`"${raw}" matches no rule`);
    return selector;
  });
}
