import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ConfigLoader, loadConfigFor } from '../../../server/src/config';

let tmp: string;

async function write(rel: string, text: string): Promise<string> {
  const file = path.join(tmp, ...rel.split('/'));
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, text);
  return file;
}

before(async () => {
  tmp = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'flyte-cache-config-')));
  await write('ws/pyproject.toml', '[tool.flyte-cache]\nignore = ["FC106"]\nexclude = ["legacy"]\n');
  await write('ws/sub/pyproject.toml', '[project]\nname = "sub"\n');
  await write('ws/sub/pkg/a.py', '');
  await write('ws/other/pyproject.toml', '[tool.flyte-cache]\nselect = ["FC1"\n');
  await write('ws/other/b.py', '');
  await write('ws/own/pyproject.toml', '[tool.flyte-cache]\ndefault-cache-policy = "function-body"\n');
  await write('ws/own/c.py', '');
  await write('bare/d.py', '');
});

after(async () => {
  await fs.rm(tmp, { recursive: true, force: true });
});

test('the nearest pyproject with [tool.flyte-cache] applies; one without it is skipped', async () => {
  const { config, warnings, root } = await loadConfigFor(path.join(tmp, 'ws/sub/pkg/a.py'));
  assert.deepEqual(warnings, []);
  assert.equal(root, path.join(tmp, 'ws'));
  assert.deepEqual(config, { root: path.join(tmp, 'ws'), ignore: ['FC106'], exclude: ['legacy'] });
  const own = await loadConfigFor(path.join(tmp, 'ws/own/c.py'));
  assert.equal(own.config.defaultCachePolicy, 'function-body');
  assert.equal(own.config.ignore, undefined, 'the nearer file wins whole; nothing is merged from above');
});

test('the search stops at the workspace folder', async () => {
  const { config, root } = await loadConfigFor(path.join(tmp, 'ws/sub/pkg/a.py'), { stopAt: path.join(tmp, 'ws/sub') });
  assert.equal(root, undefined);
  assert.deepEqual(config, { exclude: [] });
});

test('no pyproject anywhere: defaults', async () => {
  const { config, warnings, root } = await loadConfigFor(path.join(tmp, 'bare/d.py'), { stopAt: tmp });
  assert.deepEqual({ config, warnings, root }, { config: { exclude: [] }, warnings: [], root: undefined });
});

test('a broken pyproject: a warning naming the file, defaults, and the search stops', async () => {
  const { config, warnings, root } = await loadConfigFor(path.join(tmp, 'ws/other/b.py'));
  assert.deepEqual(config, { exclude: [] });
  assert.equal(root, undefined, 'the broken file is not used, and the one above is not either');
  assert.equal(warnings.length, 1);
  assert.ok(warnings[0]!.startsWith(path.join(tmp, 'ws/other/pyproject.toml')), warnings[0]);
});

test('the loader caches per folder until cleared', async () => {
  const loader = new ConfigLoader();
  const file = path.join(tmp, 'ws/own/c.py');
  assert.equal((await loader.load(file)).config.defaultCachePolicy, 'function-body');
  await write('ws/own/pyproject.toml', '[tool.flyte-cache]\ndefault-cache-policy = "none"\n');
  assert.equal((await loader.load(file)).config.defaultCachePolicy, 'function-body');
  loader.clear();
  assert.equal((await loader.load(file)).config.defaultCachePolicy, 'none');
});
