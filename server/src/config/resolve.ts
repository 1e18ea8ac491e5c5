// Merges editor settings with a pyproject's `[tool.flyte-cache]` into the engine's settings.
// In the editor, a value the user set in VS Code wins; in the CLI, the pyproject wins over
// anything ambient, so a checked-in configuration behaves the same on every machine and in CI.
// Flags typed on a command line are explicit and win everywhere (as in ruff).
import type { AnalysisSettings } from '../engine/model';
import type { DefaultCachePolicy, FlyteCacheConfig } from './pyproject';

/** What the editor (or a CLI caller) supplies; absent values and empty lists mean "not set". */
export interface EditorSettings {
  defaultCachePolicy?: DefaultCachePolicy;
  select?: readonly string[];
  ignore?: readonly string[];
  baseline?: string;
}

export interface ResolvedSettings extends AnalysisSettings {
  /** Git ref for FC401/FC402; "" turns them off; absent when configured nowhere. */
  baseline?: string;
}

export interface ResolveInput {
  /** Explicit command-line flags: they beat both other sources. */
  flags?: Partial<EditorSettings>;
  editor?: Partial<EditorSettings>;
  pyproject?: Partial<FlyteCacheConfig>;
  mode: 'editor' | 'cli';
}

export function resolveSettings({ flags = {}, editor = {}, pyproject = {}, mode }: ResolveInput): ResolvedSettings {
  const [ambientFirst, ambientSecond] = mode === 'editor' ? [editor, pyproject] : [pyproject, editor];
  const first = mergeSet(flags, ambientFirst);
  const second = ambientSecond;
  const pick = <T>(a: T | undefined, b: T | undefined): T | undefined => (isSet(a) ? a : isSet(b) ? b : undefined);
  const resolved: ResolvedSettings = { defaultCachePolicy: pick(first.defaultCachePolicy, second.defaultCachePolicy) ?? 'none' };
  const select = pick(first.select, second.select);
  const ignore = pick(first.ignore, second.ignore);
  // "" is a value here: it turns the baseline rules off.
  const baseline = first.baseline ?? second.baseline;
  if (select) resolved.select = [...select];
  if (ignore) resolved.ignore = [...ignore];
  if (baseline !== undefined) resolved.baseline = baseline;
  return resolved;
}

/** `over`'s set values, `under`'s for the rest. */
function mergeSet(over: Partial<EditorSettings>, under: Partial<EditorSettings>): Partial<EditorSettings> {
  const merged: Partial<EditorSettings> = { ...under };
  for (const [key, value] of Object.entries(over) as [keyof EditorSettings, never][]) {
    if (isSet(value) || (key === 'baseline' && value !== undefined)) merged[key] = value;
  }
  return merged;
}

function isSet(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  return !Array.isArray(value) || value.length > 0;
}
