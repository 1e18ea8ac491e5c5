import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { allRules } from '../../../server/src/analysis';
import { REQUIRED_SECTIONS, rulePage, rulePageFile, withRulesTable } from '../../../server/src/rules/doc-page';
import { ROOT } from './helpers';

for (const rule of allRules()) {
  test(`${rule.code} docs have every section, in order`, () => {
    let at = -1;
    for (const section of REQUIRED_SECTIONS) {
      const next = rule.docs.indexOf(section);
      assert.ok(next > at, `${section} missing or out of order`);
      at = next;
    }
    assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/);
    assert.ok(!/^(no|disallow|banned)-/.test(rule.name));
  });

  test(`${rulePageFile(rule.code)} is up to date (regenerate: node scripts/gen-docs.mjs)`, () => {
    const committed = fs.readFileSync(path.join(ROOT, rulePageFile(rule.code)), 'utf8');
    assert.equal(committed, rulePage(rule));
  });
}

test('the README rule table lists every rule (regenerate: node scripts/gen-docs.mjs)', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  assert.equal(readme, withRulesTable(readme, allRules()));
});
