// Findings carried over an edit no rule sees (server/src/engine/carry-over.ts): random edits aimed
// at function bodies, where most such edits land, and at what must never be carried (calls,
// bindings, returns, stubs, docstrings under a baseline, `# noqa`). After every edit the language
// server's result must deep-equal a full analysis of the document (and its diagnostics new ones),
// and both paths must be taken.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyzeDocument, PythonDocument, type AnalysisSettings } from '../../../server/src/analysis';
import { AnalysisCache } from '../../../server/src/lsp/analysis-cache';
import type { DocumentBaseline } from '../../../server/src/lsp/baseline-cache';
import { toDiagnostic, toDiagnostics } from '../../../server/src/lsp/diagnostics';
import { DocumentStore, type OpenDocument } from '../../../server/src/lsp/documents';
import { editCorpus, generatedModule, prng } from './edit-corpus';

interface Edit {
  start: number;
  end: number;
  text: string;
}

// What gets typed into a body line: plain expressions, comments and layout (carried unless they
// break the syntax), and things some rule reads (never carried).
const PLAIN = [' + 1', ' * offset', '0', '7', '  # tuned', ' - (a - b)', '\n', '\n\n', '    ', ' if a else b', '[0]', '.real', ' and not c', ' # c'];
const READ = ['  # noqa', '  # noqa: FC101', '(', ')', '"', ':', ' = 2', '\n    z = step(x=x)', '\n    return None', '\n    yield x', '\n    pass', 'f(x)', ' + g()', ' + [i for i in x]', ' + (n := 1)', ' + lambda: 1', '\n    global V', '"""doc"""'];

function bodyEdit(text: string, rand: () => number): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const typed = (): string => pick(rand() < 0.7 ? PLAIN : READ);
  const lines = [...text.matchAll(/^ {4,}\S.*$/gm)];
  if (lines.length === 0) return { start: 0, end: 0, text: typed() };
  const line = pick(lines);
  const kind = rand();
  if (kind < 0.4) {
    // A number in the line changed (what the benchmark does), or any word of it deleted.
    const numbers = [...line[0].matchAll(/\b[0-9]+\b/g)];
    if (numbers.length > 0) {
      const n = pick(numbers);
      const from = line.index + n.index;
      return { start: from, end: from + n[0].length, text: String(Math.floor(rand() * 100)) };
    }
  } else if (kind < 0.5) {
    const words = [...line[0].matchAll(/[A-Za-z_0-9]+/g)];
    if (words.length > 0) {
      const w = pick(words);
      return { start: line.index + w.index, end: line.index + w.index + w[0].length, text: '' };
    }
  }
  const at = rand() < 0.7 ? line.index + line[0].length : line.index + Math.floor(rand() * (line[0].length + 1));
  return { start: at, end: at, text: typed() };
}

/** The full analysis (no memo, nothing carried) of a document as parsed. */
function full(doc: PythonDocument, settings: AnalysisSettings, baseline: DocumentBaseline | undefined): unknown {
  return analyzeDocument(doc, settings, baseline ? { baseline: baseline.doc, baselineRef: baseline.ref } : {});
}

describe('findings carried over edits no rule sees', () => {
  it('equals a full analysis after every random body edit, with and without a baseline', () => {
    const corpus = [...editCorpus(), generatedModule(40, 11)];
    const rand = prng(20261127);
    const settingsChoices: AnalysisSettings[] = [{ defaultCachePolicy: 'none' }, { defaultCachePolicy: 'function-body' }];
    let carried = 0;
    let analysed = 0;
    let edits = 0;
    for (let round = 0; edits < 1500; round++) {
      const source = corpus[round % corpus.length]!;
      const settings = settingsChoices[round % 2]!;
      const baseline: DocumentBaseline | undefined = round % 3 === 0 ? { doc: PythonDocument.create(source), ref: 'HEAD' } : undefined;
      const store = new DocumentStore();
      const cache = new AnalysisCache();
      const uri = `file:///t/${round}.py`;
      let doc: OpenDocument = store.open({ textDocument: { uri, languageId: 'python', version: 1, text: source } });
      cache.get(doc, settings, baseline);
      for (let k = 0; k < 12; k++, edits++) {
        const edit = bodyEdit(doc.text, rand);
        doc = store.change({ textDocument: { uri, version: doc.version + 1 }, contentChanges: [{ range: doc.rangeOf(edit.start, edit.end), text: edit.text }] })!;
        const got = cache.get(doc, settings, baseline);
        // The oracle analyses the same tree: after many syntax errors lezer's incremental parse can
        // differ from a fresh one (3 of these 1,500 edits), which is not what this gate is about.
        assert.deepStrictEqual(got, full(doc.python, settings, baseline), `round ${round}, edit ${k}: ${JSON.stringify(edit)}`);
        // Diagnostics of findings carried unchanged are reused: they must equal new ones.
        assert.deepStrictEqual(toDiagnostics(doc, got.findings), got.findings.map((f) => toDiagnostic(doc, f)), `diagnostics, round ${round}, edit ${k}`);
      }
      carried += cache.carried;
      analysed += cache.analysed;
    }
    // Both paths are exercised: a gate that never carries (or never refuses) proves nothing.
    assert.ok(carried > 200, `carried ${carried} times`);
    assert.ok(analysed > 200, `analysed ${analysed} times`);
  });

  it('carries every edit of the benchmark kind and none that adds a call, a binding or a noqa', () => {
    const text = generatedModule(40, 3);
    const store = new DocumentStore();
    const cache = new AnalysisCache();
    const uri = 'file:///t/bench.py';
    const settings: AnalysisSettings = { defaultCachePolicy: 'none' };
    let doc = store.open({ textDocument: { uri, languageId: 'python', version: 1, text } });
    const findings = cache.get(doc, settings).findings.length;
    assert.ok(findings > 0);
    const type = (at: number, typed: string): void => {
      for (const ch of typed) {
        doc = store.change({ textDocument: { uri, version: doc.version + 1 }, contentChanges: [{ range: doc.rangeOf(at, at), text: ch }] })!;
        at++;
        assert.deepStrictEqual(cache.get(doc, settings), full(PythonDocument.create(doc.text), settings, undefined));
      }
    };
    const lineEnd = (needle: string): number => {
      const at = doc.text.indexOf(needle);
      assert.ok(at >= 0, needle);
      return doc.text.indexOf('\n', at);
    };
    type(lineEnd('    y = x * 2 + seed'), ' + offset  # tuned');
    // Every keystroke kept the statement's shape but `+` (`seed +` does not parse) and the two
    // after it (` ` and `o`), which start from a statement holding a syntax error.
    assert.equal(cache.analysed, 1 + 3, `analysed ${cache.analysed}`);
    const before = cache.analysed;
    type(lineEnd('    y = x * 3 + seed'), '  # noqa');
    type(lineEnd('    y = x * 4 + seed'), ' + f(x)');
    type(lineEnd('    y = x * 5 + seed'), '\n    z = 1');
    assert.ok(cache.analysed - before >= 4, `analysed ${cache.analysed - before} of the edits read by rules`);
  });
});
