import type { SyntaxNode } from '@lezer/common';

/** A plain `str` literal whose value is known, with the offsets of its contents (inside the quotes). */
export interface StringLiteral {
  readonly value: string;
  readonly start: number;
  readonly end: number;
  readonly contentStart: number;
  readonly contentEnd: number;
}

const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', '0': '\0' };

/**
 * The value of a single `String` node (not an f-string, not bytes, not implicitly concatenated).
 * Returns undefined when the value cannot be known for sure (unusual escapes).
 */
export function stringLiteral(node: SyntaxNode, text: string): StringLiteral | undefined {
  if (node.name !== 'String') return undefined;
  const raw = text.slice(node.from, node.to);
  const match = /^([rRuU]*)('''|"""|'|")/.exec(raw);
  if (!match) return undefined;
  const prefix = match[1] ?? '';
  const quote = match[2] ?? '';
  if (raw.length < prefix.length + 2 * quote.length || !raw.endsWith(quote)) return undefined;
  const contentStart = node.from + prefix.length + quote.length;
  const contentEnd = node.to - quote.length;
  const body = text.slice(contentStart, contentEnd);
  const value = /r/i.test(prefix) ? body : unescape(body);
  if (value === undefined) return undefined;
  return { value, start: node.from, end: node.to, contentStart, contentEnd };
}

function unescape(body: string): string | undefined {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i] ?? '';
    if (ch !== '\\') {
      out += ch;
      continue;
    }
    const next = body[++i];
    const mapped = next === undefined ? undefined : SIMPLE_ESCAPES[next];
    if (mapped === undefined) return undefined;
    out += mapped;
  }
  return out;
}

/** Quotes `value` as a Python string literal in double quotes. */
export function pythonString(value: string): string {
  return '"' + value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n') + '"';
}
