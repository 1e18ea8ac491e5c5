// Runs each rule on its fixture folder: exactly the lines marked `# error: [rule-name]` are
// flagged, every fix leaves a file without syntax errors, and fix-all converges.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allRules, applyEdits, findOverlap, PythonDocument, sortEdits } from '../../../server/src/analysis';
import { analyze, lineOf, ROOT } from './helpers';

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'rules');

for (const rule of allRules()) {
  const folder = path.join(FIXTURES, rule.code);
  test(`${rule.code} has a fixture folder with a valid.py`, () => {
    assert.ok(fs.existsSync(path.join(folder, 'valid.py')), folder);
  });
  if (!fs.existsSync(folder)) continue;
  for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.py')).sort()) {
    test(`${rule.code} ${file}`, () => {
      const source = fs.readFileSync(path.join(folder, file), 'utf8');
      const marker = `# error: [${rule.name}]`;
      const expected = source.split('\n').flatMap((line, i) => (line.includes(marker) ? [i + 1] : []));
      if (file === 'valid.py') assert.equal(expected.length, 0, 'valid.py has no markers');
      // The staleness rules (FC4xx) compare with the file's committed text: `baseline/<file>` beside it.
      const baselineFile = path.join(folder, 'baseline', file);
      const baseline = fs.existsSync(baselineFile) ? PythonDocument.create(fs.readFileSync(baselineFile, 'utf8')) : undefined;
      const found = analyze(source, { defaultCachePolicy: 'none' }, [rule.code], baseline).findings;
      assert.deepEqual(found.map((f) => lineOf(source, f.start)), expected);
      for (const f of found) {
        assert.equal(f.code, rule.code);
        assert.ok(f.end > f.start);
        if (!f.fix) continue;
        assert.ok(f.fix.title.length > 0);
        assert.equal(findOverlap(sortEdits(f.fix.edits)), undefined, 'fix edits do not overlap');
        const fixed = applyEdits(source, f.fix.edits);
        assert.equal(PythonDocument.create(fixed).hasSyntaxErrors, PythonDocument.create(source).hasSyntaxErrors, f.fix.title);
      }
      if (rule.fixAvailability === 'none') assert.ok(found.every((f) => !f.fix));
      if (rule.fixAvailability === 'always') assert.ok(found.every((f) => f.fix));
      // Fix-all: apply the first fixable finding until none is left; must converge within 10 passes.
      let text = source;
      let passes = 0;
      for (;;) {
        const next = analyze(text, { defaultCachePolicy: 'none' }, [rule.code], baseline).findings.find((f) => f.fix?.safe);
        if (!next?.fix) break;
        text = applyEdits(text, next.fix.edits);
        assert.ok(++passes <= 10, 'fixes converge');
      }
    });
  }
}
