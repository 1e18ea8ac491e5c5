import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, isRuleEnabled, PythonDocument } from '../../../server/src/analysis';

const src = 'from flytekit import task\n\n@task(cache=True, cache_verison="1")\ndef a(): pass\n';
const codes = (select?: string[], ignore?: string[]) =>
  analyzeDocument(PythonDocument.create(src), { defaultCachePolicy: 'none', ...(select ? { select } : {}), ...(ignore ? { ignore } : {}) }).findings.map((f) => f.code);

test('select and ignore in the engine settings pick the rules that run', () => {
  assert.deepEqual(codes(), ['FC101', 'FC106']);
  assert.deepEqual(codes([]), ['FC101', 'FC106'], 'empty select: every rule');
  assert.deepEqual(codes(['FC106']), ['FC106']);
  assert.deepEqual(codes(['fc1']), ['FC101', 'FC106'], 'prefixes, case-insensitive');
  assert.deepEqual(codes(undefined, ['FC101']), ['FC106']);
  assert.deepEqual(codes(['ALL'], ['FC1']), [], 'ignore wins over select');
  assert.deepEqual(codes(['FC999']), [], 'a selector matching nothing selects nothing');
});

test('isRuleEnabled', () => {
  assert.equal(isRuleEnabled('FC201', ['FC2'], undefined), true);
  assert.equal(isRuleEnabled('FC201', ['FC1'], undefined), false);
  assert.equal(isRuleEnabled('FC201', undefined, ['FC20']), false);
  assert.equal(isRuleEnabled('FC201', ['ALL'], ['']), true, 'a blank selector matches nothing');
});
