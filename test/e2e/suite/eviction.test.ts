// Eviction from the explorer (issue 5): a genuine flytekit local cache (python3-diskcache, one
// value big enough for a .val file, one row only in cache.db-wal) is imported, then one entry and
// then a whole version are evicted from their tree rows with `flyteCache.evict`, its modal
// confirmation answered in the workbench's dialog (read from the DOM, its button clicked, Escape
// pressed to cancel; the runner's test host keeps the workbench out of extension-test mode, which
// refuses dialogs). cache.db is read afresh with diskcache after each step; the tree, its History
// node and the notification show the result.
// Uses its own store, cache folder and Python (settings), restored in suiteTeardown.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import * as vscode from 'vscode';
import type { EvictRequest, TreeNode } from '../../../protocol/src/protocol';
import { extensionApi } from './extension-api';
import { click, domTexts, pressKeys, screenshot, waitFor } from './helpers';

interface FixtureTools {
  cacheKey(task: string, version: string, inputs?: unknown): string;
  writeFlytekitCache(dir: string, entries: unknown[], options?: { walOnlyFrom?: number }): void;
}

const importEsm = new Function('url', 'return import(url)') as (url: string) => Promise<FixtureTools>;
const root = path.resolve(__dirname, '../../../..');
const PYTHON = '/usr/bin/python3';
const TRAIN = 'evict_tasks.train';
const SCORE = 'evict_tasks.score';

/** The keys in cache.db (WAL included) as diskcache itself sees them now. */
function diskcacheKeys(dir: string): string[] {
  const script = 'import diskcache, json, sys\nwith diskcache.Cache(sys.argv[1]) as c:\n    print(json.dumps(sorted(c.iterkeys())))';
  return JSON.parse(execFileSync(PYTHON, ['-c', script, dir], { cwd: dir, encoding: 'utf8' })) as string[];
}

/** diskcache's value files (values of 32 KiB and more live in <dir>/xx/yy/*.val). */
function valFiles(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.val'));
}

const hashOf = (key: string) => key.slice(-32);
/** Rows of the sidebar's trees (notification toasts are list rows too, and name the evicted hash). */
const SIDEBAR_ROWS = '.part.sidebar .monaco-list-row';

const DIALOG = '.monaco-dialog-box';
const DIALOG_BUTTONS = `${DIALOG} .dialog-buttons .monaco-button`;

/**
 * Runs `flyteCache.evict` on `node` and answers its modal confirmation in the workbench:
 * clicks `button`, or presses Escape when it is undefined. `shot` names a screenshot of the dialog.
 * Returns the dialog's text as rendered (message, then detail) and the command's result.
 */
async function evictThroughDialog(node: TreeNode, button: 'Evict' | undefined, shot?: string) {
  const running = vscode.commands.executeCommand<EvictRequest.Result | undefined>('flyteCache.evict', node);
  const failed = running.then(() => 'the command ended without a dialog', (err: unknown) => String(err));
  const [message] = await waitFor('the confirmation dialog', async () => {
    const texts = await domTexts(`${DIALOG} .dialog-message-text`);
    return texts.length > 0 ? texts : undefined;
  }, 30_000).catch(async (err: Error) => {
    throw new Error(`${err.message}; the command: ${await Promise.race([failed, 'still running'])}`);
  });
  assert.strictEqual((await domTexts(DIALOG)).length, 1, 'one dialog');
  const [detail] = await domTexts(`${DIALOG} .dialog-message-detail`);
  const buttons = await domTexts(DIALOG_BUTTONS);
  assert.deepStrictEqual([...buttons].sort(), ['Cancel', 'Evict'], 'a modal confirmation: Evict or Cancel');
  if (shot) console.log(`screenshot: ${(await screenshot(shot)) ?? '(none requested)'}`);
  if (button) await click(DIALOG_BUTTONS, buttons.indexOf(button));
  else await pressKeys('Escape');
  const result = await running;
  await waitFor('the dialog closed', async () => (await domTexts(DIALOG)).length === 0);
  return { dialog: `${message}\n${detail ?? ''}`, result };
}

suite('eviction from the explorer', () => {
  const config = () => vscode.workspace.getConfiguration('flyteCache');

  suiteTeardown(async () => {
    // The cache folder first: the other way round, the default store could import it meanwhile.
    await config().update('localCache.path', undefined, vscode.ConfigurationTarget.Global);
    await config().update('store.path', undefined, vscode.ConfigurationTarget.Global);
    await config().update('python.path', undefined, vscode.ConfigurationTarget.Global);
  });

  test('evicts an entry and a version from cache.db after the confirmation', async function () {
    this.timeout(180_000);
    const api = await extensionApi();
    const tools = await importEsm(pathToFileURL(path.join(root, 'scripts', 'fixtures', 'flytekit-cache.mjs')).href);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'e2e-evict-'));
    const cacheDir = path.join(tmp, 'local-cache');
    const storeFile = path.join(tmp, 'store.sqlite');
    const keys = {
      v1a: tools.cacheKey(TRAIN, '1', { n: 1 }),
      v2a: tools.cacheKey(TRAIN, '2', { n: 1 }),
      v2b: tools.cacheKey(TRAIN, '2', { n: 2 }),
      score: tools.cacheKey(SCORE, '1', { x: 1 }),
      big: tools.cacheKey(TRAIN, '1', { n: 2 }),
    };
    tools.writeFlytekitCache(cacheDir, [
      { key: keys.v1a, outputs: { o0: { integer: 2 } }, storeTime: 1714560000 },
      { key: keys.v2a, outputs: { o0: { integer: 2 } }, storeTime: 1714570000 },
      { key: keys.v2b, outputs: { o0: { integer: 4 } }, storeTime: 1714570100 },
      { key: keys.score, outputs: { o0: { float: 0.5 } }, storeTime: 1714560100 },
      // Last, so only in cache.db-wal; 40 kB of output, so its value is a .val file.
      { key: keys.big, outputs: { o0: { string: 'x'.repeat(40_000) } }, storeTime: 1714560200 },
    ], { walOnlyFrom: 4 });
    assert.strictEqual(valFiles(cacheDir).length, 1, 'the big value is in a .val file');
    assert.ok(fs.statSync(path.join(cacheDir, 'cache.db-wal')).size > 0, 'a row is only in the WAL');

    await config().update('store.path', storeFile, vscode.ConfigurationTarget.Global);
    await config().update('localCache.path', cacheDir, vscode.ConfigurationTarget.Global);
    await config().update('python.path', PYTHON, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.view.extension.flyteCache');
    await waitFor('the Cache Entries view to be visible', () => api.treeView.visible);

    const imported = await waitFor('an import into the test store', async () => {
      const r = await vscode.commands.executeCommand<{ imported: number; storePath: string } | undefined>('flyteCache.importLocalCache', cacheDir);
      return r?.storePath === storeFile ? r : undefined;
    });
    assert.strictEqual(imported.imported, 5, 'all five entries, the WAL-only one included');

    const taskNode = (task: string) => async () => (await api.tree.getChildren()).find((n) => n.task === task);
    const train = await waitFor('the train task with its four entries', async () => {
      const t = await taskNode(TRAIN)();
      return t?.description?.startsWith('4 entries') ? t : undefined;
    });
    const [, v2, v1] = await api.tree.getChildren(train);
    assert.deepStrictEqual([v2?.label, v1?.label], ['2', '1']);
    const big = (await api.tree.getChildren(v1)).find((e) => e.hash === hashOf(keys.big));
    assert.ok(big, 'the WAL-only entry is in the tree');

    // The entry's row in the sidebar, so we can watch it go.
    await api.treeView.reveal(big, { expand: false, select: true, focus: false });
    await waitFor('the entry row rendered', async () => (await domTexts(SIDEBAR_ROWS)).some((r) => r.includes(big.label)));

    // 1. One entry, from its tree node: the dialog names it; Evict deletes it with diskcache.
    const one = await evictThroughDialog(big, 'Evict', 'evict-dialog');
    assert.match(one.dialog, /Evict 1 cache entry of evict_tasks\.train version 1 inputs [0-9a-f]{32}\?/);
    assert.ok(one.dialog.includes(keys.big), 'the dialog lists the key');
    assert.ok(one.dialog.includes(PYTHON), 'the dialog names the interpreter');
    assert.deepStrictEqual(one.result?.keys, [keys.big]);
    assert.strictEqual(one.result?.source, cacheDir);
    // The notification saying so, while its toast is up (toasts hide after a few seconds).
    await waitFor('the "evicted" notification', async () =>
      (await domTexts('.notifications-toasts .notification-list-item')).some((t) => t.includes(`evicted 1 cache entry of evict_tasks.train version 1 inputs ${hashOf(keys.big)}`)));

    assert.deepStrictEqual(diskcacheKeys(cacheDir), [keys.score, keys.v1a, keys.v2a, keys.v2b].sort(), 'only the evicted key left cache.db');
    assert.deepStrictEqual(valFiles(cacheDir), [], 'its .val file went with it');

    await waitFor('version 1 down to one entry in the tree', async () => {
      const t = await taskNode(TRAIN)();
      if (!t) return undefined;
      const versions = await api.tree.getChildren(t);
      const version1 = versions.find((v) => v.kind === 'version' && v.version === '1');
      if (!version1?.description?.startsWith('1 entry')) return undefined;
      const entries = await api.tree.getChildren(version1);
      return entries.length === 1 && entries[0]!.hash === hashOf(keys.v1a);
    });
    await waitFor('the entry row gone from the sidebar', async () => !(await domTexts(SIDEBAR_ROWS)).some((r) => r.includes(big.label)));
    const historyOf = async (task: string) => {
      const t = await taskNode(task)();
      const history = t && (await api.tree.getChildren(t)).find((n) => n.kind === 'history');
      return history ? api.tree.getChildren(history) : [];
    };
    await waitFor('an evicted event in the History node', async () =>
      (await historyOf(TRAIN)).filter((e) => e.description === 'evicted · 1 · local').length === 1);
    const evictedEvent = (await historyOf(TRAIN)).find((e) => e.description === 'evicted · 1 · local')!;
    assert.strictEqual(evictedEvent.icon, 'trash');
    // The event's row in the sidebar.
    await api.treeView.reveal(evictedEvent, { expand: false, select: true, focus: false });
    await waitFor('the evicted event row in the sidebar', async () =>
      (await domTexts(SIDEBAR_ROWS)).some((r) => r.includes('evicted · 1 · local')));
    console.log(`screenshot: ${(await screenshot('evicted-entry')) ?? '(none requested)'}`);

    // 2. A whole version from its node. Escape first, which cancels: nothing happens.
    const version2 = (await api.tree.getChildren(await waitFor('train', taskNode(TRAIN)))).find((v) => v.kind === 'version' && v.version === '2');
    assert.ok(version2);
    const cancelled = await evictThroughDialog(version2, undefined);
    assert.match(cancelled.dialog, /Evict 2 cache entries of evict_tasks\.train version 2\?/);
    assert.strictEqual(cancelled.result, undefined);
    assert.deepStrictEqual(diskcacheKeys(cacheDir), [keys.score, keys.v1a, keys.v2a, keys.v2b].sort(), 'Cancel keeps everything');

    const two = await evictThroughDialog(version2, 'Evict');
    assert.deepStrictEqual([...(two.result?.keys ?? [])].sort(), [keys.v2a, keys.v2b].sort());
    assert.deepStrictEqual(diskcacheKeys(cacheDir), [keys.score, keys.v1a].sort(), 'the other task and version 1 remain');

    await waitFor('version 2 gone from the tree', async () => {
      const t = await taskNode(TRAIN)();
      if (!t?.description?.startsWith('1 entry')) return undefined;
      const versions = (await api.tree.getChildren(t)).filter((v) => v.kind === 'version');
      return versions.length === 1 && versions[0]!.version === '1';
    });
    const score = await waitFor('the other task untouched', async () => {
      const t = await taskNode(SCORE)();
      return t?.description?.startsWith('1 entry') ? t : undefined;
    });
    assert.ok(!(await historyOf(SCORE)).some((e) => e.description?.startsWith('evicted')), 'no evicted events for the other task');
    assert.ok(score);
    await waitFor('three evicted events in train\'s History', async () => {
      const evicted = (await historyOf(TRAIN)).filter((e) => e.description?.startsWith('evicted')).map((e) => e.description);
      return evicted.length === 3 && evicted.filter((d) => d === 'evicted · 2 · local').length === 2;
    });
  });
});
