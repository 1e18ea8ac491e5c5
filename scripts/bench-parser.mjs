// Parser benchmark behind docs/parser.md: @lezer/python (the project's parser) and, optionally,
// web-tree-sitter + tree-sitter-python installed OUTSIDE the repo:
//   (cd /tmp/parsebench && npm install --ignore-scripts web-tree-sitter tree-sitter-python)
//   node --expose-gc scripts/bench-parser.mjs [--tree-sitter-dir /tmp/parsebench]
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { parser } from '@lezer/python';
import { TreeFragment } from '@lezer/common';
import { performance } from 'node:perf_hooks';

/** A Flyte-heavy Python file of about `lines` lines. */
function generate(lines = 11000) {
  const out = ['from flytekit import task, workflow, dynamic, Cache, Resources', 'import flytekit as fk', 'import pandas as pd', 'VERSION = "1.0"', ''];
  for (let i = 0; out.length < lines; i++) {
    const forms = [
      `@task(cache=True, cache_version="1.${i}")`,
      `@task(cache=Cache(version="${i}", serialize=True), retries=3)`,
      `@fk.task(cache=True, cache_version=VERSION, requests=Resources(cpu="1", mem="2Gi"))`,
      `@dynamic(cache=True, cache_version="1")`,
    ];
    out.push(forms[i % 4], `def step_${i}(x: int, df: pd.DataFrame, name: str = "n${i}") -> pd.DataFrame:`,
      `    """Step ${i}: transforms the frame."""`, '    total = 0', '    for k in range(x):', '        if k % 3 == 0:',
      `            total += k * ${i}`, '        else:', '            total -= {"a": k, "b": [k, k + 1]}["a"]',
      `    df = df.assign(col_${i}=lambda d: d["x"] * total)`, `    return df[df["x"] > ${i % 7}]`, '');
    if (i % 10 === 9) out.push('@workflow', `def wf_${i}(x: int) -> pd.DataFrame:`, `    df = step_${i - 1}(x=x, df=pd.DataFrame())`, `    return step_${i}(x=x, df=df)`, '');
  }
  return out.join('\n') + '\n';
}

const text = generate();
const at = text.indexOf('    total = 0', text.indexOf('def step_400('));
const edit = { from: at, to: at + '    total = 0'.length, insert: '    total = 10' };
const text2 = text.slice(0, edit.from) + edit.insert + text.slice(edit.to);
const median = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (f, n) => { const ts = []; for (let k = 0; k < n; k++) { const t = performance.now(); f(); ts.push(performance.now() - t); } return median(ts); };
const gc = () => globalThis.gc?.();
const perTree = (f) => { gc(); const b = process.memoryUsage(); const keep = [f(), f(), f(), f()]; gc(); const a = process.memoryUsage(); globalThis.keep = keep; return { heapMB: ((a.heapUsed - b.heapUsed) / 4 / 2 ** 20).toFixed(2), externalMB: ((a.external - b.external) / 4 / 2 ** 20).toFixed(2) }; };

console.log(`input: ${text.split('\n').length} lines, ${text.length} chars`);
for (let k = 0; k < 5; k++) parser.parse(text);
const lezerTree = parser.parse(text);
const fragments = TreeFragment.addTree(lezerTree);
console.log('lezer', JSON.stringify({
  fullMs: time(() => parser.parse(text), 15).toFixed(1),
  incrementalMs: time(() => parser.parse(text2, TreeFragment.applyChanges(fragments, [{ fromA: edit.from, toA: edit.to, fromB: edit.from, toB: edit.from + edit.insert.length }])), 50).toFixed(2),
  ...perTree(() => parser.parse(text)),
}));

const dirAt = process.argv.indexOf('--tree-sitter-dir');
if (dirAt > 0) {
  const require = createRequire(join(process.argv[dirAt + 1], 'package.json'));
  const { Parser, Language } = require('web-tree-sitter');
  const t0 = performance.now();
  await Parser.init();
  const python = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
  const initMs = performance.now() - t0;
  const p = new Parser();
  p.setLanguage(python);
  for (let k = 0; k < 5; k++) p.parse(text).delete();
  const tree = p.parse(text);
  const pos = (off) => { const lines = text.slice(0, off).split('\n'); return { row: lines.length - 1, column: lines[lines.length - 1].length }; };
  const sp = pos(edit.from), op = pos(edit.to), np = { row: sp.row, column: sp.column + edit.insert.length };
  console.log('tree-sitter', JSON.stringify({
    initMs: initMs.toFixed(1),
    fullMs: time(() => p.parse(text).delete(), 15).toFixed(1),
    incrementalMs: time(() => { const t = tree.copy(); t.edit({ startIndex: edit.from, oldEndIndex: edit.to, newEndIndex: edit.from + edit.insert.length, startPosition: sp, oldEndPosition: op, newEndPosition: np }); p.parse(text2, t).delete(); t.delete(); }, 50).toFixed(2),
    ...perTree(() => p.parse(text)),
  }));
}
