// `exclude` globs, matched as ruff matches its `exclude`: a pattern without `/` (`migrations`,
// `*_pb2.py`) matches any file or folder of that name below the config's folder; a pattern with
// `/` (`tests/**`, `src/legacy.py`) matches the path relative to that folder. A matched folder
// excludes everything in it. Supports `*`, `**`, `?`, `[abc]`, `[!abc]` and `{a,b}`.
import * as path from 'node:path';
import type { FlyteCacheConfig } from './pyproject';

export function isExcluded(file: string, config: Pick<FlyteCacheConfig, 'exclude' | 'root'>): boolean {
  if (!config.root || config.exclude.length === 0) return false;
  const relative = path.relative(config.root, path.resolve(file));
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) return false;
  const parts = relative.split(path.sep);
  return config.exclude.some((pattern) => matchesPath(pattern, parts, config.root!));
}

function matchesPath(pattern: string, parts: readonly string[], root: string): boolean {
  let p = pattern.trim().replace(/\\/g, '/');
  if (path.isAbsolute(p)) {
    // An absolute path inside the root is made relative; otherwise a leading `/` anchors at the root.
    const relative = path.relative(root, p);
    if (!relative.startsWith('..') && !path.isAbsolute(relative)) p = relative.split(path.sep).join('/');
  }
  p = p.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
  if (!p) return false;
  const regex = globToRegExp(p);
  if (!p.includes('/')) return parts.some((part) => regex.test(part));
  // The file itself or any folder above it.
  for (let n = parts.length; n > 0; n--) if (regex.test(parts.slice(0, n).join('/'))) return true;
  return false;
}

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let regex = cache.get(glob);
  if (regex) return regex;
  let out = '';
  let braces = 0;
  const useBraces = balancedBraces(glob);
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*' && (i === 0 || glob[i - 1] === '/') && (i + 2 === glob.length || glob[i + 2] === '/')) {
        // `**` as a whole segment: any number of folders, including none.
        if (i + 2 === glob.length) out += '.*';
        else out += '(?:[^/]*/)*';
        i += 2;
      } else {
        out += '[^/]*';
        while (glob[i + 1] === '*') i++;
      }
    } else if (c === '?') out += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        out += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{' && useBraces) {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += c.replace(/[.+^$()|\\{}\]]/g, '\\$&');
  }
  regex = new RegExp(`^${out}$`);
  cache.set(glob, regex);
  return regex;
}

/** Unbalanced braces are literal characters. */
function balancedBraces(glob: string): boolean {
  let depth = 0;
  for (const c of glob) {
    if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return false;
  }
  return depth === 0;
}
