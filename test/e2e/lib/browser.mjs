// Headless Debian Chromium through playwright-core (a root devDependency).
import { chromium } from 'playwright-core';

/**
 * Launches the browser as its own process group (playwright's launchServer exposes the
 * process, pid == pgid) and connects to it. Resolves { server, browser, pgid }.
 */
export async function startBrowser({ executablePath, dirs, timeoutMs }) {
  const server = await chromium.launchServer({
    executablePath,
    headless: true,
    timeout: timeoutMs,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    args: [
      '--disable-gpu',
      '--disable-sync',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-default-browser-check',
      '--lang=en-US',
    ],
    env: { ...process.env, HOME: dirs.home, TMPDIR: dirs.tmp, XDG_CONFIG_HOME: dirs.xdgConfig, XDG_CACHE_HOME: dirs.xdgCache },
  });
  const pgid = server.process().pid;
  const browser = await chromium.connect(server.wsEndpoint());
  return { server, browser, pgid };
}

/**
 * Opens the workbench page. `hooks.console(type, text)` receives the page's console (where
 * the workbench logs); `hooks.crash()` is called should the page crash.
 */
export async function openWorkbench(browser, url, hooks, timeoutMs) {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('console', (msg) => hooks.console(msg.type(), msg.text()));
  page.on('crash', () => hooks.crash());
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  return page;
}
