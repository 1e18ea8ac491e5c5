import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { analyzeDocument, type AnalysisSettings, PythonDocument } from '../../../server/src/analysis';
import { GitBaselines } from '../../../server/src/baseline/git';
import { fixAll } from '../../../server/src/fix-all';
import { applyFix } from '../engine/helpers';
import { gitIn, removeTempDirs, repoWith } from '../baseline/temp-repo';

after(removeTempDirs);

const SETTINGS = { defaultCachePolicy: 'none' } as AnalysisSettings;
const COMMITTED = `from flytekit import task


@task(cache=True, cache_version="1.0")
def train(epochs: int) -> float:
    """Fits the model."""
    return epochs * 0.1
`;

function stale(current: string, baseline: string, ref?: string) {
  const options = { select: ['FC401'], baseline: PythonDocument.create(baseline), ...(ref ? { baselineRef: ref } : {}) };
  return analyzeDocument(PythonDocument.create(current), SETTINGS, options).findings;
}

test('a body edit under the same version is flagged on the version literal, with a safe bump', () => {
  const src = COMMITTED.replace('0.1', '0.01');
  const [f, ...rest] = stale(src, COMMITTED);
  assert.equal(rest.length, 0);
  assert.ok(f);
  assert.equal(f.code, 'FC401');
  assert.equal(f.severity, 'warning');
  assert.equal(f.start, src.indexOf('"1.0"'));
  assert.equal(f.end, src.indexOf('"1.0"') + 5);
  assert.equal(f.message, 'The body of `train` changed since HEAD but its cache version is still "1.0": cached results from the old code will be served');
  assert.deepEqual({ title: f.fix?.title, safe: f.fix?.safe }, { title: 'Bump cache version to "1.1"', safe: true });
  const fixed = applyFix(src, f);
  assert.equal(fixed, src.replace('"1.0"', '"1.1"'));
  assert.deepEqual(stale(fixed, COMMITTED), []);
});

test('the message names the ref the baseline was read at', () => {
  const [f] = stale(COMMITTED.replace('0.1', '0.2'), COMMITTED, 'origin/main');
  assert.match(f?.message ?? '', /changed since origin\/main but/);
});

test('comment, blank-line, layout, quote and docstring edits are not changes', () => {
  const edits = [
    COMMITTED.replace('    return', '    # scale down\n\n    return'),
    COMMITTED.replace('epochs * 0.1', '(epochs *\n            0.1)  # why'),
    COMMITTED.replace('"""Fits the model."""', "'''Fits the model.\n\n    Better words.\n    '''"),
    COMMITTED.replace('    """Fits the model."""\n', ''),
    COMMITTED.replace('def train(epochs: int) -> float:', 'def train(\n    epochs: int,\n) -> float:'),
  ];
  for (const edit of edits) assert.deepEqual(stale(edit, COMMITTED), [], edit);
});

test('a bumped version, a changed signature or no baseline task is not flagged', () => {
  const body = (s: string) => s.replace('0.1', '0.3');
  assert.deepEqual(stale(body(COMMITTED).replace('"1.0"', '"1.1"'), COMMITTED), []);
  assert.deepEqual(stale(body(COMMITTED).replace('epochs: int', 'epochs: int, lr: float = 0.1'), COMMITTED), []);
  assert.deepEqual(stale(body(COMMITTED).replace('def train', 'def fit'), COMMITTED), []);
  assert.deepEqual(stale(body(COMMITTED), COMMITTED.replace('cache=True, ', '')), []);
  // Without a baseline the rule has nothing to compare with.
  assert.deepEqual(analyzeDocument(PythonDocument.create(body(COMMITTED)), SETTINGS, { select: ['FC401'] }).findings, []);
});

test('a half-typed body is not compared', () => {
  assert.deepEqual(stale(COMMITTED.replace('return epochs * 0.1', 'return epochs * (0.1 +'), COMMITTED), []);
});

test('tasks sharing a module constant: each is flagged, the fix bumps the constant once', () => {
  const base = `from flytekit import task\nV = "7"\n@task(cache=True, cache_version=V)\ndef a() -> int:\n    return 1\n@task(cache=True, cache_version=V)\ndef b() -> int:\n    return 2\n`;
  const src = base.replace('return 1', 'return 10').replace('return 2', 'return 20');
  const all = stale(src, base);
  assert.deepEqual(all.map((f) => src.slice(f.start, f.end)), ['V', 'V']);
  assert.equal(all[0]?.fix?.title, 'Bump cache version to "8" in `V` (used by `a`, `b`)');
  const fixed = fixAll(src, SETTINGS, { baseline: PythonDocument.create(base) });
  assert.equal(fixed.text, src.replace('V = "7"', 'V = "8"'));
  assert.deepEqual(fixed.applied.map((a) => a.code), ['FC401']);
});

test('fix-all applies the bump when a baseline is given, and only then', () => {
  const src = COMMITTED.replace('0.1', '0.5');
  assert.equal(fixAll(src, SETTINGS, { baseline: PythonDocument.create(COMMITTED) }).text, src.replace('"1.0"', '"1.1"'));
  assert.equal(fixAll(src, SETTINGS).text, src);
});

test('with a real repository: edit after commit, then against HEAD~1 after a second commit', async () => {
  const dir = repoWith({ 'wf.py': COMMITTED });
  const file = path.join(dir, 'wf.py');
  const reader = new GitBaselines(0);
  const analyzeAt = async (ref: string) => {
    const base = await reader.read(file, ref);
    assert.ok('text' in base, JSON.stringify(base));
    const text = fs.readFileSync(file, 'utf8');
    return analyzeDocument(PythonDocument.create(text), SETTINGS, { select: ['FC401', 'FC402'], baseline: PythonDocument.create(base.text), baselineRef: ref }).findings;
  };
  fs.writeFileSync(file, COMMITTED.replace('0.1', '0.01'));
  assert.deepEqual((await analyzeAt('HEAD')).map((f) => f.code), ['FC401']);
  gitIn(dir, 'commit', '-q', '-am', 'tune');
  assert.deepEqual(await analyzeAt('HEAD'), []);
  const [previous] = await analyzeAt('HEAD~1');
  assert.equal(previous?.code, 'FC401');
  assert.match(previous?.message ?? '', /since HEAD~1/);
});
