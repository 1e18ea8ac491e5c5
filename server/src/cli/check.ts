// `flyte-cache check [PATH...] [--format text|json] [--default-cache-policy none|function-body]`
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { analyzeDocument, AnalysisSettings, PythonDocument } from '../analysis';
import { LineIndex } from '../engine/line-index';
import type { Finding } from '../engine/model';
import { choice, parseArgs, UsageError } from './args';

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  code: string;
  severity: string;
  message: string;
  fixable: boolean;
}

const SKIP_DIRS = new Set(['node_modules', '__pycache__', 'site-packages', 'venv', '.venv', 'env', 'build', 'dist']);

export async function check(argv: readonly string[], out: (s: string) => void): Promise<number> {
  const args = parseArgs(argv, ['format', 'default-cache-policy'], []);
  const format = choice(args.options.get('format'), ['text', 'json'] as const, 'text', 'format');
  const settings: AnalysisSettings = {
    defaultCachePolicy: choice(args.options.get('default-cache-policy'), ['none', 'function-body'] as const, 'none', 'default-cache-policy'),
  };
  const roots = args.positionals.length ? args.positionals : ['.'];
  const files: string[] = [];
  for (const root of roots) files.push(...(await pythonFiles(root)));

  const results: JsonFinding[] = [];
  for (const file of files) {
    const text = await fs.readFile(file, 'utf8');
    const { findings } = analyzeDocument(PythonDocument.create(text), settings);
    const lines = new LineIndex(text);
    results.push(...findings.map((f) => toJson(displayPath(file), lines, f)));
  }

  if (format === 'json') out(`${JSON.stringify(results, null, 2)}\n`);
  else out(renderText(results));
  return results.length > 0 ? 1 : 0;
}

async function pythonFiles(root: string): Promise<string[]> {
  let stat;
  try {
    stat = await fs.stat(root);
  } catch {
    throw new UsageError(`${root}: no such file or directory`);
  }
  if (stat.isFile()) return [root];
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile() && (entry.name.endsWith('.py') || entry.name.endsWith('.pyi'))) {
        found.push(full);
      }
    }
  };
  await walk(root);
  return found;
}

function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
}

function toJson(file: string, lines: LineIndex, f: Finding): JsonFinding {
  const start = lines.position(f.start);
  const end = lines.position(f.end);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    code: f.code,
    severity: f.severity,
    message: f.message,
    fixable: !!f.fix,
  };
}

function renderText(results: JsonFinding[]): string {
  if (results.length === 0) return 'All checks passed!\n';
  const lines = results.map((r) => `${r.file}:${r.line}:${r.column}: ${r.code} ${r.message}`);
  const fixable = results.filter((r) => r.fixable).length;
  lines.push(`Found ${results.length} ${results.length === 1 ? 'error' : 'errors'}.`);
  if (fixable) lines.push(`${fixable} fixable with a quick fix in the editor.`);
  return `${lines.join('\n')}\n`;
}
