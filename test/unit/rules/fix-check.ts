// Shared checks for rule tests: a fix applied and re-analysed leaves valid Python (no syntax
// errors, no keyword given twice in a call) and no finding of the rule at that spot.
import assert from 'node:assert/strict';
import { PythonDocument } from '../../../server/src/analysis';
import { callArguments } from '../../../server/src/engine/syntax/arguments';
import { walk } from '../../../server/src/engine/syntax/nodes';
import { applyFix, findings } from '../engine/helpers';

export { analyze, findings, flagged } from '../engine/helpers';

/** Applies the fix of finding `index` of `code`; asserts the result parses and repeats no keyword. */
export function fixed(src: string, code: string, index = 0): string {
  const finding = findings(src, code)[index];
  assert.ok(finding?.fix, `expected a fix for ${code} #${index}`);
  const out = applyFix(src, finding);
  assertValidPython(out);
  return out;
}

/** Applies the fix and asserts the rule is then silent on the whole file. */
export function fixedClean(src: string, code: string, index = 0): string {
  const out = fixed(src, code, index);
  assert.deepEqual(findings(out, code).map((f) => out.slice(f.start, f.end)), [], out);
  return out;
}

export function assertValidPython(text: string): void {
  const doc = PythonDocument.create(text);
  assert.equal(doc.hasSyntaxErrors, false, text);
  walk(doc.tree.topNode, (node) => {
    if (node.name !== 'ArgList') return;
    const names = callArguments(node, text).args.flatMap((a) => (a.kind === 'keyword' && a.name ? [a.name] : []));
    assert.equal(new Set(names).size, names.length, `keyword repeated in ${text.slice(node.from, node.to)}`);
  });
}
