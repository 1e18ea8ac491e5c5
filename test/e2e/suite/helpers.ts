// Helpers for e2e tests running in the extension host under test/e2e/run.mjs,
// which exposes the browser page through FLYTE_E2E_CONTROL_URL.
import * as assert from 'assert';
import * as http from 'http';
import * as vscode from 'vscode';

/**
 * Polls `probe` until it returns something other than undefined/false and returns that.
 * The timeout message carries the last probe result or error, to show what was seen instead.
 */
export async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 30_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) {
        return value;
      }
      last = value;
    } catch (err) {
      last = err instanceof Error ? err.message : err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last probe: ${JSON.stringify(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** POSTs to the runner's control endpoint and returns the parsed JSON answer. */
function control<T>(route: string, body: unknown = {}): Promise<T> {
  const base = process.env.FLYTE_E2E_CONTROL_URL;
  if (!base) {
    return Promise.reject(new Error('FLYTE_E2E_CONTROL_URL is not set: run the tests through test/e2e/run.mjs'));
  }
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${route}`, {
      method: 'POST',
      timeout: 60_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`control ${route} failed: ${res.statusCode} ${text}`));
        } else {
          resolve(JSON.parse(text) as T);
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error(`control ${route} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

/** Saves a PNG of the workbench as it is now; its path, or undefined without --screenshot. */
export async function screenshot(name: string): Promise<string | undefined> {
  const answer = await control<{ path: string | null }>(`/screenshot?name=${encodeURIComponent(name)}`);
  return answer.path ?? undefined;
}

/** innerText of every element of the workbench page that matches the CSS selector. */
export async function domTexts(selector: string): Promise<string[]> {
  return (await control<{ texts: string[] }>('/dom', { selector })).texts;
}

/** Sends a key chord to the workbench page, e.g. 'Control+Shift+M'. */
export async function pressKeys(keys: string): Promise<void> {
  await control('/press', { keys });
}

/** Clicks the index-th element of the workbench page that matches the CSS selector. */
export async function click(selector: string, index = 0): Promise<void> {
  await control('/click', { selector, index });
}

/** URI of a file in the (copied) test workspace. */
export function fixtureUri(relPath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'a workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, ...relPath.split('/'));
}

/** Opens a workspace file in a non-preview editor. */
export async function openFixture(relPath: string): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(fixtureUri(relPath), { preview: false });
}
