'use strict';
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload, loaded before any module system of VS Code */
// Preloaded (NODE_OPTIONS=--require) into the Node processes code-server starts.
//
// 1. code-server's main process: when our parent's pipe on stdin closes (the
//    runner or `npm start` died without cleaning up, e.g. SIGKILL), kill our
//    whole process group.
// 2. The extension host: copy its console, formatted like Node's console, to
//    $FLYTE_E2E_EXTHOST_LOG, which the runner streams to stdout. In a browser
//    workbench that output otherwise only reaches the page's log, mixed with
//    workbench messages and with printf-style arguments left unformatted.
//    The extension host installs forwarding getters for console.log & co with
//    Object.defineProperty at startup; we wrap them as they are defined.

if (process.env.FLYTE_E2E_WATCH_STDIN === '1') {
  delete process.env.FLYTE_E2E_WATCH_STDIN; // only the first process watches
  const killGroup = () => {
    try {
      process.kill(0, 'SIGKILL');
    } catch {
      process.exit(1);
    }
  };
  process.stdin.on('end', killGroup);
  process.stdin.on('close', killGroup);
  process.stdin.on('error', killGroup);
  process.stdin.resume();
}

const logFile = process.env.FLYTE_E2E_EXTHOST_LOG;
const isExtensionHost = process.env.VSCODE_ESM_ENTRYPOINT === 'vs/workbench/api/node/extensionHostProcess';

if (logFile && isExtensionHost && !process.env.FLYTE_E2E_CAPTURED) {
  // Processes the extension host starts (the language server, tools the tests
  // run) get the original NODE_OPTIONS and capture nothing.
  process.env.FLYTE_E2E_CAPTURED = '1';
  if (process.env.FLYTE_E2E_ORIGINAL_NODE_OPTIONS !== undefined) {
    process.env.NODE_OPTIONS = process.env.FLYTE_E2E_ORIGINAL_NODE_OPTIONS;
  } else {
    delete process.env.NODE_OPTIONS;
  }
  captureConsole(logFile);
}

function captureConsole(file) {
  const fs = require('fs');
  const util = require('util');
  let fd;
  try {
    fd = fs.openSync(file, 'a');
  } catch {
    return;
  }
  const write = (args) => {
    try {
      const text = util.format(...args);
      fs.writeSync(fd, text.endsWith('\n') ? text : text + '\n');
    } catch {
      // logging must never break the extension host
    }
  };
  const pending = new Set(['log', 'info', 'warn', 'error', 'debug']);
  const realDefineProperty = Object.defineProperty;
  Object.defineProperty = function defineProperty(obj, prop, descriptor) {
    if (obj === console && pending.has(prop) && descriptor && typeof descriptor.get === 'function') {
      const getForwarder = descriptor.get;
      descriptor = {
        ...descriptor,
        get() {
          const forward = getForwarder.call(this);
          return function (...args) {
            write(args);
            return forward.apply(this, args);
          };
        },
      };
      pending.delete(prop);
      if (pending.size === 0) Object.defineProperty = realDefineProperty;
    }
    return realDefineProperty(obj, prop, descriptor);
  };
}
