// Every file under test/fixtures/corpus/valid/ is correct Flyte code: with every rule on, none may
// produce a finding (the zero-false-positive bar).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../../server/src/analysis';
import { analyze, lineOf, ROOT } from '../engine/helpers';

const CORPUS = path.join(ROOT, 'test', 'fixtures', 'corpus', 'valid');

function pythonFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.py'))
    .sort();
}

test('the valid corpus holds at least 20 tasks', () => {
  const decorated = pythonFiles(CORPUS).reduce((n, f) => n + (fs.readFileSync(path.join(CORPUS, f), 'utf8').match(/^@/gm)?.length ?? 0), 0);
  assert.ok(decorated >= 20, `${decorated} decorated definitions`);
});

for (const file of pythonFiles(CORPUS)) {
  test(`valid corpus: ${file} has no findings with all rules on`, () => {
    const source = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const codes = allRules().map((r) => r.code);
    const { findings } = analyze(source, { defaultCachePolicy: 'none' }, codes);
    assert.deepEqual(findings.map((f) => `${f.code} line ${lineOf(source, f.start)}: ${source.slice(f.start, f.end)}`), []);
  });
}
