// Rewrites the contents of a version string literal, keeping its prefix and quotes.
import type { Fix, TextEdit } from './model';
import { cacheConfig, type KnownVersion } from './syntax/cache-config';
import type { FlyteModule } from './syntax/tasks';

/** Undefined when text[start, end) is not a string literal this can rewrite. */
export function versionEdit(text: string, start: number, end: number, value: string): TextEdit | undefined {
  const literal = text.slice(start, end);
  const quote = /^[rRuU]*('''|"""|'|")/.exec(literal);
  if (!quote?.[1]) return undefined;
  const contentStart = start + quote[0].length;
  const contentEnd = end - quote[1].length;
  if (contentEnd < contentStart) return undefined;
  return { start: contentStart, end: contentEnd, newText: escapeFor(value, quote[1], /r/i.test(quote[0])) };
}

/**
 * "Bump cache version to "1.1"" on the literal, or on the module constant holding it; then the
 * title names every task of the file using that constant, as the bump command's title does.
 */
export function bumpVersionFix(module: FlyteModule, version: KnownVersion, next: string, safe: boolean): Fix | undefined {
  const edit = versionEdit(module.doc.text, version.literal.start, version.literal.end, next);
  if (!edit) return undefined;
  let title = `Bump cache version to "${next}"`;
  if (version.viaConstant) {
    const users = module.tasks.filter((task) => {
      const v = cacheConfig(module, task).version;
      return v.kind === 'known' && v.version.viaConstant === version.viaConstant && v.version.literal.start === version.literal.start;
    });
    title += ` in \`${version.viaConstant}\` (used by ${users.map((t) => `\`${t.name}\``).join(', ')})`;
  }
  return { title, edits: [edit], safe };
}

function escapeFor(value: string, quote: string, raw: boolean): string {
  if (raw) return value;
  const escaped = value.replace(/\\/g, '\\\\');
  return quote.length === 1 ? escaped.split(quote).join('\\' + quote) : escaped;
}
