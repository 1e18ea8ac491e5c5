// HTTP endpoint through which tests in the extension host reach the browser page
// (they see its address as FLYTE_E2E_CONTROL_URL):
//   POST /screenshot?name=N        -> {path}   PNG of the workbench in DIR/N.png (null without --screenshot)
//   POST /dom    {selector}        -> {texts}  innerText of every element matching the CSS selector
//   POST /press  {keys}            -> {}       a key chord, e.g. "Control+Shift+M"
//   POST /click  {selector, index} -> {}       clicks the index-th (default 0) matching element
// and through which the test host (test-host-main.cjs) reports on the run:
//   POST /tests/start {pid}        -> {}       the suite begins in the extension host of that pid
//   POST /tests/done  {code}       -> {}       the suite is over; 0 = every test passed
import http from 'node:http';

const MAX_BODY = 64 * 1024;

function readJson(req) {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => {
      body += chunk;
      if (body.length > MAX_BODY) reject(new Error('request body too large'));
    });
    req.on('end', () => {
      try {
        resolve(body ? JSON.parse(body) : {});
      } catch {
        reject(new Error('request body is not JSON'));
      }
    });
    req.on('error', reject);
  });
}

function requireString(value, name) {
  if (typeof value !== 'string' || value === '') throw new Error(`'${name}' must be a non-empty string`);
  return value;
}

/**
 * `page()` returns the playwright Page (or undefined before it exists); `screenshot(name)` saves one;
 * `testsStarted(pid)` and `testsDone(code)` receive the test host's reports.
 */
export function startControlServer({ page, screenshot, testsStarted, testsDone }) {
  const testRoutes = {
    '/tests/start': async (_url, body) => {
      testsStarted(Number(body.pid));
      return {};
    },
    '/tests/done': async (_url, body) => {
      testsDone(Number.isInteger(body.code) ? body.code : 1);
      return {};
    },
  };
  const routes = {
    '/screenshot': async (url) => ({ path: (await screenshot(url.searchParams.get('name') || 'workbench')) ?? null }),
    '/dom': async (_url, body) => {
      const selector = requireString(body.selector, 'selector');
      const texts = await page().$$eval(selector, (els) => els.map((el) => el.innerText ?? el.textContent ?? ''));
      return { texts };
    },
    '/press': async (_url, body) => {
      await page().keyboard.press(requireString(body.keys, 'keys'));
      return {};
    },
    '/click': async (_url, body) => {
      const selector = requireString(body.selector, 'selector');
      await page().locator(selector).nth(Number(body.index ?? 0)).click({ timeout: 10_000 });
      return {};
    },
  };
  const server = http.createServer(async (req, res) => {
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname] ?? testRoutes[url.pathname];
    if (!route || req.method !== 'POST') return reply(404, { error: `no route ${req.method} ${url.pathname}` });
    try {
      if (routes[url.pathname] && !page()) throw new Error('the workbench page is not open yet');
      reply(200, await route(url, await readJson(req)));
    } catch (err) {
      reply(500, { error: String(err?.message ?? err) });
    }
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
