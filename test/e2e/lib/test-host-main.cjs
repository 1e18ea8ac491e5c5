'use strict';
/* global require, exports */
/* eslint-disable @typescript-eslint/no-require-imports -- the main file of a plain CommonJS extension */
// Main file of the "test host" extension test-host.mjs installs into a run's extensions
// folder. It runs the suite ($FLYTE_E2E_TESTS_PATH, exporting run()) in the extension
// host and reports to the runner's control endpoint ($FLYTE_E2E_CONTROL_URL):
// POST /tests/start {pid} when it begins, POST /tests/done {code} when run() settles.
// The suite's own `require('vscode')` still resolves to the API of the extension under
// development, since its files lie in that extension's folder.
const http = require('http');

function report(route, body) {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(`${process.env.FLYTE_E2E_CONTROL_URL}${route}`, {
      method: 'POST',
      timeout: 30_000,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
    }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${route}: HTTP ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error(`${route} timed out`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function runTests() {
  await report('/tests/start', { pid: process.pid });
  let code = 0;
  try {
    await require(process.env.FLYTE_E2E_TESTS_PATH).run();
  } catch (err) {
    code = 1;
    console.error(`e2e test run failed: ${err && err.stack ? err.stack : err}`);
  }
  await report('/tests/done', { code });
}

exports.activate = function activate() {
  // Not awaited: activation returns at once, as the extension host wants.
  runTests().catch((err) => console.error(`e2e test host: ${err && err.stack ? err.stack : err}`));
};
