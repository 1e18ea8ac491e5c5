import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { analyzeDocument, PythonDocument } from '../../../server/src/analysis';
import { analyze, flagged, ROOT } from './helpers';

const VALID_TASK = 'from flytekit import task\n\n@task(cache=True)\ndef ok() -> int:\n    return 1\n\n';

test('a half-typed decorator at EOF is silent, a valid task elsewhere is still flagged', () => {
  const src = `${VALID_TASK}@task(cache=True, cache_`;
  assert.deepEqual(flagged(src, 'FC101'), ['cache=True']);
  assert.equal(analyze(src).findings.length, 1);
  assert.equal(analyze(src).findings[0]!.start, src.indexOf('cache=True'));
});

test('unbalanced parentheses in a decorator silence it', () => {
  const src = `${VALID_TASK}@task(cache=True, retires=(1\ndef broken() -> int:\n    return 2\n`;
  const all = analyze(src).findings;
  assert.deepEqual(all.map((f) => [f.code, src.slice(f.start, f.end)]), [['FC101', 'cache=True']]);
});

test('a file full of syntax errors does not throw', () => {
  const junk = '@task(cache=True\ndef (:\n  ))) @@ """\nclass :\n  @env.task(cache_policy=\n' + VALID_TASK + 'lambda: [}\n';
  const result = analyze(junk);
  assert.ok(Array.isArray(result.findings));
});

test('random truncations and splices of real files never throw', () => {
  const dir = path.join(ROOT, 'test', 'fixtures', 'rules');
  const sources = ['FC101/positives.py', 'FC101/environment.py', 'FC106/positives.py'].map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % Math.max(1, n);
  };
  const errors: unknown[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => void errors.push(args); // analyzeDocument reports crashes here
  try {
    for (let i = 0; i < 300; i++) {
      const src = sources[i % sources.length] ?? '';
      const cut = rand(src.length);
      const variant = i % 3 === 0 ? src.slice(0, cut) : i % 3 === 1 ? src.slice(0, cut) + src.slice(cut + rand(40)) : src.slice(cut);
      const doc = PythonDocument.create(variant);
      const { findings } = analyzeDocument(doc, { defaultCachePolicy: 'none' });
      for (const f of findings) {
        assert.ok(f.start >= 0 && f.end <= variant.length && f.start <= f.end);
        for (const e of f.fix?.edits ?? []) assert.ok(e.start >= 0 && e.end <= variant.length && e.start <= e.end);
      }
    }
  } finally {
    console.error = original;
  }
  assert.deepEqual(errors, [], 'the engine never fell back on its crash guard');
});
