// Runs the bundled CLI (dist/cli.js, built by `npm test` before this suite) as a user would.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fixtureTools, snapshotFolder, tempDir } from '../importers/fixture-tools';
import { project, root, run } from './run-cli';

const broken = `from flytekit import task


@task(cache=True)
def train(n: int) -> int:
    return n
`;

const clean = `from flytekit import task


@task(cache=True, cache_version="1.0")
def train(n: int) -> int:
    return n
`;

describe('flyte-cache check', () => {
  it('prints ruff-style lines and exits 1 when something is reported', () => {
    const dir = project({ 'wf/train.py': broken, 'wf/ok.py': clean });
    const r = run(['check', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const first = r.stdout.split('\n')[0]!;
    assert.match(first, /^wf\/train\.py:4:7: FC101 .*If version is not defined then at least one cache policy needs to be set/);
    assert.doesNotMatch(r.stdout, /ok\.py/);
  });

  it('exits 0 and says so on clean code', () => {
    const dir = project({ 'ok.py': clean });
    const r = run(['check', 'ok.py'], dir);
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /All checks passed/);
  });

  it('--format json gives 1-based positions and the documented fields', () => {
    const dir = project({ 'train.py': broken });
    const r = run(['check', '--format', 'json', 'train.py'], dir);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.stdout) as Record<string, unknown>[];
    assert.deepEqual(findings, [
      {
        file: 'train.py',
        line: 4,
        column: 7,
        endLine: 4,
        endColumn: 17,
        code: 'FC101',
        severity: 'error',
        message: findings[0]!['message'],
        fixable: true,
      },
    ]);
    assert.match(String(findings[0]!['message']), /If version is not defined/);
  });

  it('--default-cache-policy function-body silences FC101', () => {
    const dir = project({ 'train.py': broken });
    const r = run(['check', '--default-cache-policy', 'function-body', 'train.py'], dir);
    assert.equal(r.code, 0, r.stdout);
  });

  it('survives a file full of syntax errors and still checks the others', () => {
    const dir = project({ 'a.py': broken, 'b.py': '@task(cache=True\ndef (((:\n  ]]] """\n' });
    const r = run(['check', '--format', 'json', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file);
    assert.deepEqual(files, ['a.py']);
  });

  it('usage errors exit 2 with a clear message', () => {
    assert.equal(run(['check', '--format', 'xml']).code, 2);
    const missing = run(['check', 'does/not/exist.py']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does\/not\/exist\.py: no such file or directory/);
    assert.equal(run(['frobnicate']).code, 2);
  });
});

describe('flyte-cache import and ls', () => {
  it('imports a genuine local cache read-only and lists it as JSON', async () => {
    const tools = await fixtureTools();
    const cache = tempDir('flyte-cache-cli-cache-');
    const k1 = tools.cacheKey('workflows.example.train', '1.0', { n: 1 });
    const k2 = tools.cacheKey('workflows.example.train', '1.0', { n: 2 });
    const k3 = tools.cacheKey('my-pipeline.report', 'v1-2024-05', { day: 3 });
    tools.writeFlytekitCache(cache, [
      { key: k1, outputs: { o0: { integer: 3 } }, storeTime: 1714560000 },
      { key: k2, outputs: { o0: { integer: 4 } }, storeTime: 1714560060 },
      { key: k3, pickle: { legacy: true }, storeTime: 1714560120 },
    ], { walOnlyFrom: 1 });
    const before = snapshotFolder(cache);
    const store = path.join(tempDir('flyte-cache-cli-store-'), 'nested', 'store.sqlite');

    const imported = run(['import', cache, '--store', store]);
    assert.equal(imported.code, 0, imported.stderr);
    assert.match(imported.stdout, /Imported 3 cache entries \(1 legacy\)/);
    assert.deepEqual(snapshotFolder(cache), before, 'the Flyte cache folder is untouched');

    // FLYTE_CACHE_STORE is the default store for ls.
    const listed = run(['ls', '--format', 'json'], root, { env: { FLYTE_CACHE_STORE: store } });
    assert.equal(listed.code, 0, listed.stderr);
    const entries = JSON.parse(listed.stdout) as Record<string, unknown>[];
    assert.equal(entries.length, 3);
    const train = entries.filter((e) => e['task'] === 'workflows.example.train');
    assert.deepEqual(train.map((e) => [e['version'], e['outputs'], e['legacy'], e['storedAt']]), [
      ['1.0', { o0: 3 }, false, '2024-05-01T10:40:00.000Z'],
      ['1.0', { o0: 4 }, false, '2024-05-01T10:41:00.000Z'],
    ]);
    const legacy = entries.find((e) => e['task'] === 'my-pipeline.report')!;
    assert.equal(legacy['version'], 'v1-2024-05');
    assert.equal(legacy['legacy'], true);
    assert.equal(legacy['outputs'], null);
    assert.match(String(legacy['hash']), /^[0-9a-f]{32}$/);

    const text = run(['ls', '--store', store, '--task', 'workflows.example.train']);
    assert.match(text.stdout, /^workflows\.example\.train\n {2}version 1\.0\n/);
  });

  it('an entry without a store time (Flyte 2 task_cache) lists storedAt null and "time unknown", never 1970', async () => {
    const tools = await fixtureTools();
    const cache = tempDir('flyte-cache-cli-flyte2-');
    tools.writeFlytekitCache(cache, [{ key: tools.cacheKey('wf.train', '1.0', { n: 1 }), outputs: { o0: { integer: 3 } }, storeTime: 1714560000 }]);
    tools.writeFlyte2Cache(cache, { taskCache: [{ key: tools.flyte2Key('t2'), outputs: { o0: { integer: 7 } } }] });
    const store = path.join(tempDir('flyte-cache-cli-store-'), 'store.sqlite');
    assert.equal(run(['import', cache, '--store', store]).code, 0);

    const entries = JSON.parse(run(['ls', '--store', store, '--format', 'json']).stdout) as Record<string, unknown>[];
    assert.deepEqual(entries.map((e) => [e['task'], e['storedAt']]), [
      ['Flyte 2 (unnamed)', null],
      ['wf.train', '2024-05-01T10:40:00.000Z'],
    ]);
    const text = run(['ls', '--store', store]).stdout;
    assert.match(text, /time unknown/);
    assert.doesNotMatch(text, /1970/);
  });

  it('a folder without cache.db is a clear error, exit 2', () => {
    const r = run(['import', tempDir('flyte-cache-empty-'), '--store', path.join(tempDir('s-'), 'store.sqlite')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /cache\.db/);
  });
});
