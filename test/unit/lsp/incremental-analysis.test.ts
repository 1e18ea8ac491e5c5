// What the language server computes after an edit must never differ from a fresh start: random
// edits of realistic Flyte files go through the server's own path (DocumentStore with its
// incremental re-parse, AnalysisCache), and after each one the result must deep-equal a fresh
// parse and full analysis. This is the gate any future reuse of earlier results must pass.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyzeDocument, PythonDocument, type AnalysisSettings } from '../../../server/src/analysis';
import { AnalysisCache } from '../../../server/src/lsp/analysis-cache';
import { DocumentStore, type OpenDocument } from '../../../server/src/lsp/documents';
import { editCorpus, prng } from './edit-corpus';

interface Edit {
  start: number;
  end: number;
  text: string;
}

const PASTES = ['@task(cache=True)\n', 'cache=True, ', '(', ')', '\n', '    ', '# noqa\n', 'VERSION = "1"\n', 'from flytekit import task, workflow\n', 'x', ':', '"', ', cache_version="2"', '    y = x * 3 + 1\n', ', cache_version=12', 'retries=3, ', 'V = 10\n'];

function randomEdit(text: string, rand: () => number): Edit {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const pos = (): number => Math.floor(rand() * (text.length + 1));
  const digits = (): string => String(Math.floor(rand() * 1000)).slice(0, Math.floor(rand() * 4));
  const kind = rand();
  if (kind < 0.6) {
    // Digits in some number: most land in bodies (the reusable case), others in decorators or constants.
    const runs = [...text.matchAll(/[0-9]+/g)];
    if (runs.length > 0) {
      const run = pick(runs);
      const from = run.index + Math.floor(rand() * (run[0].length + 1));
      const to = Math.min(run.index + run[0].length, from + Math.floor(rand() * 3));
      return { start: from, end: to, text: digits() };
    }
  }
  if (kind < 0.7) {
    const at = pos();
    return { start: at, end: Math.min(text.length, at + Math.floor(rand() * 6)), text: '' };
  }
  if (kind < 0.8) {
    // A whole line deleted or duplicated.
    const lineStart = text.lastIndexOf('\n', pos() - 1) + 1;
    const nl = text.indexOf('\n', lineStart);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    return rand() < 0.5 ? { start: lineStart, end: lineEnd, text: '' } : { start: lineStart, end: lineStart, text: text.slice(lineStart, lineEnd) };
  }
  if (kind < 0.9) {
    const at = rand() < 0.5 ? text.lastIndexOf('\n', pos() - 1) + 1 : pos();
    return { start: at, end: at, text: pick(PASTES) };
  }
  // Imports, decorators and parens: the module context.
  const anchors = [...text.matchAll(/import |@task\(|@workflow|\(|\)|cache=True|cache_version/g)];
  if (anchors.length === 0) return { start: 0, end: 0, text: pick(PASTES) };
  const a = pick(anchors);
  return rand() < 0.5 ? { start: a.index, end: a.index + a[0].length, text: '' } : { start: a.index + a[0].length, end: a.index + a[0].length, text: pick(PASTES) };
}

function fresh(text: string, settings: AnalysisSettings): unknown {
  return analyzeDocument(PythonDocument.create(text), settings);
}

describe('incremental analysis in the language server', () => {
  it('equals a fresh full analysis after every random edit', () => {
    const corpus = editCorpus();
    assert.ok(corpus.length > 10, 'the corpus was found');
    const rand = prng(20261126);
    const settingsChoices: AnalysisSettings[] = [{ defaultCachePolicy: 'none' }, { defaultCachePolicy: 'function-body' }];
    let edits = 0;
    for (let round = 0; edits < 800; round++) {
      const source = corpus[round % corpus.length]!;
      const settings = settingsChoices[round % 2]!;
      const store = new DocumentStore();
      const cache = new AnalysisCache();
      const uri = `file:///t/${round}.py`;
      let doc: OpenDocument = store.open({ textDocument: { uri, languageId: 'python', version: 1, text: source } });
      cache.get(doc, settings);
      for (let k = 0; k < 25; k++, edits++) {
        const edit = randomEdit(doc.text, rand);
        const previous = doc;
        const changes = [{ range: doc.rangeOf(edit.start, edit.end), text: edit.text }];
        // Now and then two changes in one notification.
        if (rand() < 0.05) changes.push({ range: doc.rangeOf(0, 0), text: '' });
        doc = store.change({ textDocument: { uri, version: doc.version + 1 }, contentChanges: changes })!;
        const expectedText = previous.text.slice(0, edit.start) + edit.text + previous.text.slice(edit.end);
        assert.equal(doc.text, expectedText);
        // Now and then the diagnostics are pulled only after the next edit.
        if (rand() < 0.05) continue;
        cache.get(previous, settings);
        const got = cache.get(doc, settings);
        assert.deepStrictEqual(got, fresh(doc.text, settings), `round ${round}, edit ${k}: ${JSON.stringify(edit)}`);
      }
    }
  });
});
