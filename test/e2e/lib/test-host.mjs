// The "test host": a tiny extension that runs the suite, installed as a user extension
// of each run. The launch payload carries no extensionTestsPath: with it, the workbench
// is in extension-test mode and its DialogService refuses every dialog ("refused to show
// dialog in tests"), so modal confirmations could not be clicked. The payload keeps one
// extensionDevelopmentPath only (it is a Map), hence a user extension rather than a
// second development path. With no extensions.json in a fresh extensions folder,
// code-server registers whatever folders it finds there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), 'test-host-main.cjs');
export const TEST_HOST_ID = 'flyte-e2e.test-host';

/** Writes the test host into `extensionsDir` (before code-server starts); returns its folder. */
export function installTestHost(extensionsDir) {
  const version = '0.0.0';
  const dir = path.join(extensionsDir, `${TEST_HOST_ID}-${version}`);
  fs.mkdirSync(dir, { recursive: true });
  const [publisher, name] = TEST_HOST_ID.split('.');
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name,
    publisher,
    version,
    engines: { vscode: '^1.100.0' },
    extensionKind: ['workspace'],
    activationEvents: ['*'],
    main: './main.js',
  }, null, 2));
  fs.copyFileSync(MAIN, path.join(dir, 'main.js'));
  return dir;
}
