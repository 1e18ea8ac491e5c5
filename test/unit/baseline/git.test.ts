// The git baseline reader against real temporary repositories.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { GitBaselines } from '../../../server/src/baseline/git';
import { gitIn, removeTempDirs, repoWith, tempDir } from './temp-repo';

after(removeTempDirs);

test('reads the committed text of a file that was edited since, in a subfolder too', async () => {
  const dir = repoWith({ 'wf.py': 'committed = 1\n', 'pkg/sub/tasks.py': 'sub = 1\n' });
  fs.writeFileSync(path.join(dir, 'wf.py'), 'edited = 2\n');
  const reader = new GitBaselines();
  const result = await reader.read(path.join(dir, 'wf.py'));
  assert.ok('text' in result, JSON.stringify(result));
  assert.equal(result.text, 'committed = 1\n');
  assert.match(result.commit, /^[0-9a-f]{40}$/);
  const sub = await reader.read(path.join(dir, 'pkg', 'sub', 'tasks.py'));
  assert.ok('text' in sub && sub.text === 'sub = 1\n', JSON.stringify(sub));
});

test('an untracked file has no baseline', async () => {
  const dir = repoWith({ 'wf.py': 'x = 1\n' });
  fs.writeFileSync(path.join(dir, 'new.py'), 'y = 2\n');
  assert.deepEqual(await new GitBaselines().read(path.join(dir, 'new.py')), { missing: 'untracked' });
});

test('a folder outside any repository has no baseline, and nothing throws', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'wf.py'), 'x = 1\n');
  // GIT_CEILING_DIRECTORIES keeps git from finding a repository around the temp folder.
  const previous = process.env.GIT_CEILING_DIRECTORIES;
  process.env.GIT_CEILING_DIRECTORIES = path.dirname(fs.realpathSync(dir));
  try {
    assert.deepEqual(await new GitBaselines().read(path.join(dir, 'wf.py')), { missing: 'no-git' });
  } finally {
    if (previous === undefined) delete process.env.GIT_CEILING_DIRECTORIES;
    else process.env.GIT_CEILING_DIRECTORIES = previous;
  }
});

test('a repository without commits and an unknown ref are bad refs', async () => {
  const empty = tempDir();
  gitIn(empty, 'init', '-q');
  fs.writeFileSync(path.join(empty, 'wf.py'), 'x = 1\n');
  assert.equal(missing(await new GitBaselines().read(path.join(empty, 'wf.py'))), 'bad-ref');
  const dir = repoWith({ 'wf.py': 'x = 1\n' });
  assert.equal(missing(await new GitBaselines().read(path.join(dir, 'wf.py'), 'no-such-branch')), 'bad-ref');
  assert.equal(missing(await new GitBaselines().read(path.join(dir, 'wf.py'), '--output=/tmp/x')), 'bad-ref');
});

test('another ref: HEAD~1 and a branch name', async () => {
  const dir = repoWith({ 'wf.py': 'v = 1\n' });
  gitIn(dir, 'branch', 'first');
  fs.writeFileSync(path.join(dir, 'wf.py'), 'v = 2\n');
  gitIn(dir, 'commit', '-q', '-am', 'second');
  const reader = new GitBaselines();
  assert.equal(textOf(await reader.read(path.join(dir, 'wf.py'), 'HEAD~1')), 'v = 1\n');
  assert.equal(textOf(await reader.read(path.join(dir, 'wf.py'), 'first')), 'v = 1\n');
  assert.equal(textOf(await reader.read(path.join(dir, 'wf.py'))), 'v = 2\n');
});

test('a new commit is seen once the ref cache expires', async () => {
  const dir = repoWith({ 'wf.py': 'v = 1\n' });
  const reader = new GitBaselines(0);
  const file = path.join(dir, 'wf.py');
  assert.equal(textOf(await reader.read(file)), 'v = 1\n');
  fs.writeFileSync(file, 'v = 2\n');
  gitIn(dir, 'commit', '-q', '-am', 'second');
  assert.equal(textOf(await reader.read(file)), 'v = 2\n');
});

test('a file reached through a symlinked folder is found in its repository', async () => {
  const dir = repoWith({ 'real/wf.py': 'v = 1\n' });
  const link = path.join(tempDir(), 'link');
  fs.symlinkSync(path.join(dir, 'real'), link);
  assert.equal(textOf(await new GitBaselines().read(path.join(link, 'wf.py'))), 'v = 1\n');
});

function textOf(result: Awaited<ReturnType<GitBaselines['read']>>): string | undefined {
  return 'text' in result ? result.text : `missing: ${result.missing} ${result.detail ?? ''}`;
}

function missing(result: Awaited<ReturnType<GitBaselines['read']>>): string | undefined {
  return 'missing' in result ? result.missing : undefined;
}
