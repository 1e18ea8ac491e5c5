// `flyte-cache check` options: --fix, --stdin-filename, --select/--ignore, and exit codes.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { mightUseFlyte } from '../../../server/src/cli/files';
import { selectedCodes } from '../../../server/src/cli/selection';
import { copyFixture, project, run } from './run-cli';

const broken = `from flytekit import task


@task(cache=True)
def train(n: int) -> int:
    return n
`;

const fixed = broken.replace('@task(cache=True)', '@task(cache=True, cache_version="1")');

describe('check --fix', () => {
  it('applies the safe fixes in place, reports what remains, and a re-check agrees', () => {
    const dir = copyFixture('project');
    const trainFile = path.join(dir, 'pipeline', 'train.py');
    const before = fs.readFileSync(trainFile, 'utf8');
    const cleanBefore = fs.readFileSync(path.join(dir, 'pipeline', 'clean.py'), 'utf8');

    const r = run(['check', '--fix', '--select', 'FC101,FC106', '.'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Fixed 4 problems in 2 files\.\n/);
    // The misspelt keyword's rename is unsafe: it stays, and is the only thing reported.
    assert.match(r.stdout, /pipeline\/train\.py:\d+:7: FC106 Unknown keyword `retires`/);
    assert.match(r.stdout, /Found 1 error remaining\./);

    const after = fs.readFileSync(trainFile, 'utf8');
    assert.notEqual(after, before);
    assert.match(after, /@task\(cache=True, cache_version="1"\)\ndef load/);
    assert.match(after, /@task\(cache=Cache\(version="1", serialize=True\)\)/);
    assert.doesNotMatch(after, /cache_policy=/);
    assert.match(after, /@task\(cache=True\) {2}# noqa: FC101/, 'a suppressed problem is not fixed');
    assert.equal(fs.readFileSync(path.join(dir, 'pipeline', 'clean.py'), 'utf8'), cleanBefore);

    const again = run(['check', '--format', 'json', '--select', 'FC101,FC106', '.'], dir);
    assert.deepEqual((JSON.parse(again.stdout) as { code: string }[]).map((f) => f.code), ['FC106']);
    assert.equal(run(['check', '--ignore', 'FC106', '.'], dir).code, 0);
  });

  it('exits 0 when the fixes leave nothing, and keeps --format json parseable', () => {
    const dir = project({ 'train.py': broken });
    const r = run(['check', '--fix', '--format', 'json', 'train.py'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), []);
    assert.match(r.stderr, /Fixed 1 problem in 1 file\./);
    assert.equal(fs.readFileSync(path.join(dir, 'train.py'), 'utf8'), fixed);
  });

  it('only fixes the selected rules', () => {
    const dir = project({ 'train.py': broken });
    const r = run(['check', '--fix', '--select', 'FC106', 'train.py'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.equal(fs.readFileSync(path.join(dir, 'train.py'), 'utf8'), broken);
  });
});

describe('check --stdin-filename', () => {
  it('reads the source from stdin and reports it under the given name', () => {
    const r = run(['check', '--stdin-filename', 'pkg/train.py', '--format', 'json'], undefined, { input: broken });
    assert.equal(r.code, 1, r.stderr);
    const findings = JSON.parse(r.stdout) as { file: string; line: number; code: string }[];
    assert.deepEqual(findings.map((f) => [f.file, f.line, f.code]), [['pkg/train.py', 4, 'FC101']]);
  });

  it('with --fix prints the fixed source on stdout and the report on stderr', () => {
    const r = run(['check', '--fix', '--stdin-filename', 'train.py'], undefined, { input: broken });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, fixed);
    assert.match(r.stderr, /Fixed 1 problem in 1 file\.\nAll checks passed!/);
  });

  it('with --fix passes a file without Flyte through unchanged', () => {
    const text = 'import os\nprint(os.sep)\n';
    const r = run(['check', '--fix', '--stdin-filename', 'x.py'], undefined, { input: text });
    assert.equal(r.code, 0);
    assert.equal(r.stdout, text);
  });

  it('takes no PATH besides', () => {
    const r = run(['check', '--stdin-filename', 'a.py', 'b.py'], undefined, { input: broken });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /takes no PATH/);
  });
});

describe('check --select / --ignore', () => {
  const both = `from flytekit import task


@task(cache=True, cache_policy=P())
def a() -> int:
    return 1


@task(cache=True)
def b() -> int:
    return 2
`;
  const codes = (args: string[]) => {
    const dir = project({ 'wf.py': both });
    const r = run(['check', '--format', 'json', ...args, 'wf.py'], dir);
    return (JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code);
  };

  it('selects by code or prefix and ignores after selecting', () => {
    assert.deepEqual(codes([]), ['FC106', 'FC101']);
    assert.deepEqual(codes(['--select', 'FC101']), ['FC101']);
    assert.deepEqual(codes(['--select', 'fc1']), ['FC106', 'FC101']);
    assert.deepEqual(codes(['--ignore', 'FC106']), ['FC101']);
    assert.deepEqual(codes(['--select', 'ALL', '--ignore', 'FC101,FC106']), []);
  });

  it('a selector matching no rule is a usage error', () => {
    const r = run(['check', '--select', 'FC999', '.'], project({ 'wf.py': both }));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /"FC999" matches no rule/);
  });

  it('selectedCodes keeps registry order', () => {
    assert.deepEqual(selectedCodes(['FC101', 'FC106', 'FC201'], { select: ['FC2', 'FC101'] }), ['FC101', 'FC201']);
    assert.deepEqual(selectedCodes(['FC101', 'FC106', 'FC201'], { ignore: ['FC1'] }), ['FC201']);
  });
});

describe('check file selection', () => {
  it('parses only files that mention flyte or union', () => {
    assert.equal(mightUseFlyte('import os\n'), false);
    assert.equal(mightUseFlyte('from typing import Union\n'), false);
    assert.equal(mightUseFlyte('import flytekit as fk\n'), true);
    assert.equal(mightUseFlyte('from union import task\n'), true);
    assert.equal(mightUseFlyte('import flyte\n'), true);
  });

  it('exit codes: 0 clean, 1 problems, 2 usage', () => {
    const dir = project({ 'ok.py': fixed, 'bad.py': broken, 'other.txt': broken });
    assert.equal(run(['check', 'ok.py'], dir).code, 0);
    assert.equal(run(['check', '.'], dir).code, 1);
    assert.equal(run(['check', '--fix=yes', '.'], dir).code, 2);
    assert.equal(run(['check', '--format', 'sarif', 'ok.py'], dir).code, 0);
  });
});

describe('check with a pyproject [tool.flyte-cache]', () => {
  const pyproject = `[project]
name = "wf"

[tool.flyte-cache]
default-cache-policy = "function-body"
exclude = ["legacy"]
`;

  it('honours the pyproject, and explicit flags win over it', () => {
    const dir = project({ 'pyproject.toml': pyproject, 'wf/train.py': broken, 'legacy/old.py': broken });
    const quiet = run(['check', '.'], dir);
    assert.equal(quiet.code, 0, quiet.stdout + quiet.stderr);
    const flagged = run(['check', '--format', 'json', '--default-cache-policy', 'none', '.'], dir);
    assert.equal(flagged.code, 1, flagged.stderr);
    assert.deepEqual((JSON.parse(flagged.stdout) as { file: string }[]).map((f) => f.file), ['wf/train.py']);
  });

  it('warns about a broken pyproject and goes on with the defaults', () => {
    const dir = project({ 'pyproject.toml': '[tool.flyte-cache\n', 'train.py': broken });
    const r = run(['check', 'train.py'], dir);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^warning: .*pyproject\.toml: not valid TOML/);
  });
});
