// The reuse of task-scoped findings between edits (server/src/engine/task-rules.ts) aimed at
// directly: text typed and erased one character at a time inside decorators, signatures and task
// bodies (the statements whose findings are recomputed), and inside imports, constants and
// environments (module context: every statement's findings must be dropped). After every keystroke
// the server's result must deep-equal a fresh parse and full analysis.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyzeDocument, PythonDocument, TaskRuleMemo, type AnalysisSettings } from '../../../server/src/analysis';
import { AnalysisCache } from '../../../server/src/lsp/analysis-cache';
import { DocumentStore, type OpenDocument } from '../../../server/src/lsp/documents';
import { editCorpus, generatedModule, prng } from './edit-corpus';

const DECORATOR = ['cache_version="3", ', 'cache=True, ', 'retries=1, ', 'cache_policy=P(), ', 'cache_serialize=True, ', 'cache_ignore_input_vars=("x",), ', 'cache=Cache(version="1"), ', 'cache_verison="2", ', 'cache="auto", ', 'cache=False, '];
const SIGNATURE = [', df: FlyteFile', ' -> None', ', seed: int = random.random()', ', h: Annotated[pd.DataFrame, HashMethod(f)]', ', *args'];
const BODY = [' + 1', '\n    z = step(x=x)', '  # noqa', '\n    return None', '\n    yield x', '\n    str = 1', '(', '"'];
const CONTEXT = ['_2', ' as fk', ', HashMethod', 'X', '"', '(', ' = 3', ', cache="auto"', ', cache_version="9"', '\nV = "1"', '\nimport union'];

/** Where to type: inside a decorator's parentheses, a `def` line, a body line, or a module-level line. */
function typingSite(text: string, rand: () => number): { at: number; typed: string } | undefined {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const kind = rand();
  const [pattern, tokens] =
    kind < 0.3 ? [/^[ \t]*@[\w.]+\(/gm, DECORATOR] : kind < 0.45 ? [/^[ \t]*(async )?def \w+\(/gm, SIGNATURE] : kind < 0.75 ? [/^ {4,}\S.*$/gm, BODY] : [/^(?!def |class |@|#|\s)\S.*$/gm, CONTEXT];
  const lines = [...text.matchAll(pattern)];
  if (lines.length === 0) return undefined;
  const line = pick(lines);
  // Decorators and signatures: right after the opening parenthesis or a bit further in; other lines: anywhere, mostly at the end.
  const offset = tokens === DECORATOR || tokens === SIGNATURE ? Math.floor(rand() * 12) : rand() < 0.6 ? line[0].length : Math.floor(rand() * (line[0].length + 1));
  return { at: line.index + Math.min(offset, line[0].length), typed: pick(tokens) };
}

describe('reuse of task findings while typing', () => {
  it('equals a fresh full analysis after every keystroke in decorators, bodies and module context', () => {
    const corpus = editCorpus();
    const rand = prng(4242);
    const settingsChoices: AnalysisSettings[] = [{ defaultCachePolicy: 'none' }, { defaultCachePolicy: 'function-body' }];
    let keystrokes = 0;
    for (let round = 0; keystrokes < 1200; round++) {
      const settings = settingsChoices[round % 2]!;
      const store = new DocumentStore();
      const cache = new AnalysisCache();
      const uri = `file:///t/${round}.py`;
      let doc: OpenDocument = store.open({ textDocument: { uri, languageId: 'python', version: 1, text: corpus[round % corpus.length]! } });
      cache.get(doc, settings);
      const key = (edit: { at: number; end: number; text: string }): void => {
        const expected = doc.text.slice(0, edit.at) + edit.text + doc.text.slice(edit.end);
        doc = store.change({ textDocument: { uri, version: doc.version + 1 }, contentChanges: [{ range: doc.rangeOf(edit.at, edit.end), text: edit.text }] })!;
        assert.equal(doc.text, expected);
        keystrokes++;
        const fresh = analyzeDocument(PythonDocument.create(doc.text), settings);
        assert.deepStrictEqual(cache.get(doc, settings), fresh, `round ${round}, keystroke ${keystrokes}: ${JSON.stringify(edit)}`);
      };
      for (let session = 0; session < 4; session++) {
        const site = typingSite(doc.text, rand);
        if (!site) break;
        for (let i = 0; i < site.typed.length; i++) key({ at: site.at + i, end: site.at + i, text: site.typed[i]! });
        // Erased again with backspace, or left in place (the next session types elsewhere).
        if (rand() < 0.6) for (let i = site.typed.length; i > 0; i--) key({ at: site.at + i - 1, end: site.at + i, text: '' });
      }
    }
  });

  it('reuses the findings of untouched statements and drops them all when the module context changes', () => {
    const settings: AnalysisSettings = { defaultCachePolicy: 'none' };
    const memo = new TaskRuleMemo();
    const policyTask = '@task(cache=True, cache_policy=MyPolicy())\ndef with_policy(x: int) -> int:\n    return x\n';
    let doc = PythonDocument.create(`${generatedModule(40, 3)}\n\n${policyTask}`);
    const analyze = (): void => {
      assert.deepStrictEqual(analyzeDocument(doc, settings, { memo }), analyzeDocument(PythonDocument.create(doc.text), settings));
    };
    analyze();
    assert.equal(memo.reused, 0);
    const cold = memo.computed;
    assert.ok(cold >= 41, 'one statement per task');

    // A keystroke in one task's body: only that statement is computed again.
    const body = doc.text.indexOf('    y = x * ');
    doc = doc.update([{ start: body + 12, end: body + 12, newText: '7' }]);
    analyze();
    assert.equal(memo.computed, cold + 1);
    assert.equal(memo.reused, cold - 1);

    // A keystroke in the imports: every statement is computed again.
    const imports = doc.text.indexOf('from flytekit import ');
    doc = doc.update([{ start: imports + 'from flytekit import '.length, end: imports + 'from flytekit import '.length, newText: 'HashMethod, ' }]);
    analyze();
    assert.equal(memo.computed, 2 * cold + 1);

    // A definition's name is module context: `def Cache` shadows the import, so FC106's fix for
    // `cache_policy=` must spell `Cache` differently in every task, although no task changed.
    const header = doc.text.indexOf('class MyPolicy');
    doc = doc.update([{ start: header, end: header, newText: 'def Cachf():\n    pass\n\n\n' }]);
    analyze();
    const typo = doc.text.indexOf('def Cachf') + 'def Cach'.length;
    const computed = memo.computed;
    doc = doc.update([{ start: typo, end: typo + 1, newText: 'e' }]);
    analyze();
    assert.equal(memo.computed, computed + cold);
  });
});
