// `flyte-cache check --baseline REF`: the staleness rules compare each file with its text at REF.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { project, run } from './run-cli';

const v1 = `from flytekit import task


@task(cache=True, cache_version="1.0")
def train(n: int) -> int:
    return n
`;

function repo(): string {
  const dir = project({ 'wf.py': v1 });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: dir, stdio: 'pipe' });
  git('init', '-q');
  git('add', 'wf.py');
  git('commit', '-q', '-m', 'v1');
  return dir;
}

describe('check --baseline', () => {
  it('flags a body edited without a version bump, and only with --baseline', () => {
    const dir = repo();
    fs.writeFileSync(path.join(dir, 'wf.py'), v1.replace('return n', 'return n * 2'));
    const r = run(['check', '--format', 'json', '--baseline', 'HEAD', 'wf.py'], dir);
    assert.equal(r.code, 1, r.stderr);
    assert.deepEqual((JSON.parse(r.stdout) as { code: string }[]).map((f) => f.code), ['FC401']);
    assert.equal(run(['check', 'wf.py'], dir).code, 0);
  });

  it('an unknown ref is a usage error; outside git it warns and goes on', () => {
    const dir = repo();
    const bad = run(['check', '--baseline', 'no-such-ref', 'wf.py'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no-such-ref/);
    const plain = project({ 'wf.py': v1 });
    const r = run(['check', '--baseline', 'HEAD', 'wf.py'], plain);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /not in a git repository/);
  });
});
