// The server's per-file settings: VS Code values the user set win, defaults yield to pyproject.
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { Settings } from '../../../protocol/src/protocol';
import { WorkspaceFolders } from '../../../server/src/lsp/folders';
import { ProjectSettings } from '../../../server/src/lsp/project-settings';
import type { SettingsCache } from '../../../server/src/lsp/settings';

let tmp: string;
let uri: string;

before(async () => {
  tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flyte-cache-project-')));
  await fs.writeFile(path.join(tmp, 'pyproject.toml'), '[tool.flyte-cache]\ndefault-cache-policy = "function-body"\nignore = ["FC106"]\nbaseline = "main"\nexclude = ["gen"]\n');
  uri = pathToFileURL(path.join(tmp, 'a.py')).href;
});

after(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

function project(editor: Partial<Settings>, warnings: string[] = []): ProjectSettings {
  const cache = { for: async () => ({ ...Settings.defaults, ...editor }) } as unknown as SettingsCache;
  const folders = new WorkspaceFolders();
  folders.reset([{ uri: pathToFileURL(tmp).href, name: 'ws' }]);
  return new ProjectSettings(cache, folders, (m) => warnings.push(m));
}

test('editor values left at their defaults yield to pyproject', async () => {
  const { settings, excluded } = await project({}).for(uri);
  assert.deepEqual(settings, { defaultCachePolicy: 'function-body', ignore: ['FC106'], baseline: 'main' });
  assert.equal(excluded, false);
});

test('values the user set in VS Code win', async () => {
  const { settings } = await project({ defaultCachePolicy: 'none', defaultCachePolicyIsSet: true, ignore: ['FC101'], baseline: '', baselineIsSet: true }).for(uri);
  assert.deepEqual(settings, { defaultCachePolicy: 'none', ignore: ['FC101'], baseline: '' });
});

test('exclude applies to open files; untitled documents use the editor settings alone', async () => {
  const p = project({});
  assert.equal((await p.for(pathToFileURL(path.join(tmp, 'gen', 'x.py')).href)).excluded, true);
  assert.equal(await p.excludedPath(path.join(tmp, 'gen')), true);
  const untitled = await p.for('untitled:Untitled-1');
  assert.deepEqual(untitled.settings, { defaultCachePolicy: 'none', baseline: 'HEAD' });
});

test('the editor\'s flyteCache.exclude replaces the pyproject\'s, relative to the workspace folder', async () => {
  const p = project({ exclude: ['legacy/**'] });
  assert.equal((await p.for(pathToFileURL(path.join(tmp, 'legacy', 'old.py')).href)).excluded, true);
  assert.equal((await p.for(pathToFileURL(path.join(tmp, 'gen', 'x.py')).href)).excluded, false, 'pyproject exclude no longer applies');
  assert.equal(await p.excludedPath(path.join(tmp, 'legacy', 'deep', 'older.py')), true);
});

test('a broken pyproject is reported once, until cleared', async () => {
  const dir = path.join(tmp, 'broken');
  await fs.mkdir(dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'pyproject.toml'), '[tool.flyte-cache\n');
  const warnings: string[] = [];
  const p = project({}, warnings);
  const file = pathToFileURL(path.join(dir, 'b.py')).href;
  assert.equal((await p.for(file)).settings.defaultCachePolicy, 'none');
  await p.for(file);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /broken[\\/]pyproject\.toml: not valid TOML/);
  p.clear();
  await p.for(file);
  assert.equal(warnings.length, 2);
});
