// `flyte-cache check [PATH...]`: report (and with --fix, repair) Flyte cache misconfigurations.
// Settings: explicit flags win over the nearest pyproject's `[tool.flyte-cache]`, which wins over
// the defaults.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { allRules, analyzeDocument, AnalysisOptions, PythonDocument } from '../analysis';
import { readBaseline } from '../baseline/git';
import { ConfigLoader, type EditorSettings, isExcluded, type ResolvedSettings, resolveSettings } from '../config';
import { LineIndex } from '../engine/line-index';
import { fixAll } from '../fix-all';
import { choice, parseArgs, UsageError } from './args';
import { displayPath, mightUseFlyte, pythonFiles, readAhead } from './files';
import { type Problem, toJson, toProblem } from './report';
import { renderSarif } from './sarif';
import { parseSelectors, selectedCodes } from './selection';
import { fixedSummary, renderText } from './text-output';

export interface CheckIo {
  out: (s: string) => void;
  err: (s: string) => void;
  readStdin: () => Promise<string>;
}

interface Source {
  /** The file on disk (for stdin, where it would be: its pyproject applies). */
  file: string;
  fromStdin: boolean;
  read: () => Promise<string>;
}

export async function check(argv: readonly string[], io: CheckIo): Promise<number> {
  const args = parseArgs(argv, ['format', 'default-cache-policy', 'select', 'ignore', 'stdin-filename', 'baseline'], ['fix']);
  const format = choice(args.options.get('format'), ['text', 'json', 'sarif'] as const, 'text', 'format');
  const flags = flagSettings(args.options);
  const fix = args.flags.has('fix');
  const stdinName = args.options.get('stdin-filename');
  if (stdinName !== undefined && args.positionals.length > 0) throw new UsageError('--stdin-filename reads the source from stdin and takes no PATH');

  const sources: Source[] =
    stdinName !== undefined
      ? [{ file: stdinName, fromStdin: true, read: io.readStdin }]
      : (await pythonFiles(args.positionals.length ? args.positionals : ['.'])).map((file) => ({ file, fromStdin: false, read: () => fs.readFile(file, 'utf8') }));

  const configs = new ConfigLoader();
  const warned = new Set<string>();
  const warnOnce = (w: string): void => {
    if (warned.has(w)) return;
    warned.add(w);
    io.err(`warning: ${w}\n`);
  };
  const problems: Problem[] = [];
  let fixed = 0;
  let fixedFiles = 0;
  // Files are read ahead, a few at a time, while earlier ones are analysed.
  const texts = readAhead(sources, 16, (source) => source.read());
  for (const [index, source] of sources.entries()) {
    const { config, warnings } = await configs.load(path.resolve(source.file));
    for (const w of warnings) warnOnce(w);
    if (isExcluded(source.file, config)) {
      if (fix && source.fromStdin) io.out(await texts[index]!);
      continue;
    }
    const settings: ResolvedSettings = resolveSettings({ flags, pyproject: config, mode: 'cli' });
    let text = await texts[index]!;
    if (mightUseFlyte(text)) {
      if (fix) {
        const result = fixAll(text, settings);
        if (result.applied.length > 0) {
          fixed += result.applied.length;
          fixedFiles++;
          text = result.text;
          if (!source.fromStdin) await fs.writeFile(source.file, text, 'utf8');
        }
      }
      const options = settings.baseline ? await baselineOptions(source.file, settings.baseline, warnOnce) : {};
      const { findings } = analyzeDocument(PythonDocument.create(text), settings, options);
      const lines = new LineIndex(text);
      const shown = source.fromStdin ? source.file : displayPath(source.file);
      for (const f of findings) problems.push(toProblem(shown, lines, f));
    }
    // With --stdin-filename --fix, stdout carries the (possibly unchanged) source, as formatters do.
    if (fix && source.fromStdin) io.out(text);
  }

  const report = fix && stdinName !== undefined ? io.err : io.out;
  const summary = fix && (fixed > 0 || format === 'text') ? fixedSummary(fixed, fixedFiles) : '';
  if (format === 'text') {
    report(summary + renderText(problems, fix));
  } else {
    if (summary) io.err(summary);
    report(format === 'json' ? `${JSON.stringify(problems.map(toJson), null, 2)}\n` : renderSarif(problems, allRules()));
  }
  return problems.length > 0 ? 1 : 0;
}

/** Settings given on the command line: explicit, so they beat the pyproject. */
function flagSettings(options: ReadonlyMap<string, string>): Partial<EditorSettings> {
  const flags: Partial<EditorSettings> = {};
  const policy = options.get('default-cache-policy');
  if (policy !== undefined) flags.defaultCachePolicy = choice(policy, ['none', 'function-body'] as const, 'none', 'default-cache-policy');
  const codes = allRules().map((r) => r.code);
  const select = parseSelectors(options.get('select'));
  const ignore = parseSelectors(options.get('ignore'));
  // Validates each selector: one matching no rule is a usage error, not a silently disabled rule.
  selectedCodes(codes, { select, ignore });
  if (select) flags.select = select;
  if (ignore) flags.ignore = ignore;
  const baseline = options.get('baseline');
  if (baseline !== undefined) flags.baseline = baseline;
  return flags;
}

/** The file at the baseline ref, for FC401/FC402; none (with a warning) when git cannot give it. */
async function baselineOptions(file: string, ref: string, warn: (w: string) => void): Promise<AnalysisOptions> {
  const result = await readBaseline(path.resolve(file), ref);
  if ('text' in result) return { baseline: PythonDocument.create(result.text), baselineRef: ref };
  if (result.missing === 'bad-ref') throw new UsageError(`--baseline: git does not know the ref "${ref}"`);
  if (result.missing === 'no-git') warn(`--baseline ${ref}: not in a git repository (or no git); FC401/FC402 skipped`);
  else if (result.missing === 'error') warn(`--baseline ${ref}: git failed for ${displayPath(file)}${result.detail ? `: ${result.detail}` : ''}; FC401/FC402 skipped there`);
  return {};
}
