// `flyte-cache bump FILE (--task NAME | --line N) [--dry-run]`
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { project, run } from './run-cli';

const source = `from flytekit import task

VERSION = "v009"


@task(cache=True, cache_version="1.0")
def train(n: int) -> int:
    return n


@task(cache=True, cache_version=VERSION)
def score(n: int) -> int:
    return n


@task(cache=True, cache_version=VERSION)
def rank(n: int) -> int:
    return n


@task
def plain(n: int) -> int:
    return n
`;

function setup() {
  const dir = project({ 'wf.py': source });
  const file = path.join(dir, 'wf.py');
  return { dir, file, read: () => fs.readFileSync(file, 'utf8') };
}

describe('flyte-cache bump', () => {
  it('bumps by task name and prints the change', () => {
    const { dir, read } = setup();
    const r = run(['bump', 'wf.py', '--task', 'train'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'train: "1.0" -> "1.1"\n');
    assert.equal(read(), source.replace('cache_version="1.0"', 'cache_version="1.1"'));
  });

  it('bumps by line, from the decorator or inside the body', () => {
    const { dir, read } = setup();
    assert.equal(run(['bump', 'wf.py', '--line', '6'], dir).stdout, 'train: "1.0" -> "1.1"\n');
    assert.equal(run(['bump', 'wf.py', '--line', '8'], dir).stdout, 'train: "1.1" -> "1.2"\n');
    assert.match(read(), /cache_version="1\.2"/);
  });

  it('bumps a module constant at its definition', () => {
    const { dir, read } = setup();
    const r = run(['bump', 'wf.py', '--task', 'rank'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'rank: "v009" -> "v010" (in `VERSION`)\n');
    assert.match(read(), /^VERSION = "v010"$/m);
    assert.match(read(), /cache_version=VERSION\)\ndef score/);
  });

  it('--dry-run prints the change and leaves the file alone', () => {
    const { dir, read } = setup();
    const r = run(['bump', 'wf.py', '--task', 'train', '--dry-run'], dir);
    assert.equal(r.stdout, 'train: "1.0" -> "1.1"\n');
    assert.equal(read(), source);
  });

  it('exits 2 when there is no such task, no version, or no task on the line', () => {
    const { dir, read } = setup();
    const missing = run(['bump', 'wf.py', '--task', 'nope'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no task named `nope`/);
    const plain = run(['bump', 'wf.py', '--task', 'plain'], dir);
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /`plain` sets no cache version/);
    const nowhere = run(['bump', 'wf.py', '--line', '2'], dir);
    assert.equal(nowhere.code, 2);
    assert.match(nowhere.stderr, /wf\.py:2: no task there/);
    assert.equal(run(['bump', 'wf.py'], dir).code, 2);
    assert.equal(run(['bump', 'wf.py', '--task', 'train', '--line', '6'], dir).code, 2);
    assert.equal(run(['bump', 'wf.py', '--line', '0'], dir).code, 2);
    assert.equal(read(), source);
  });
});
