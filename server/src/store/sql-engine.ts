// Loads sql.js once per process. The WASM sits beside the bundle in dist/; unbundled (tests,
// tsc output) it comes from node_modules.
import fs from 'node:fs';
import path from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let engine: Promise<SqlJsStatic> | undefined;

// A variable, not a literal: the bundler must not try to resolve it (dist/ has its own copy).
const UNBUNDLED_WASM = 'sql.js/dist/sql-wasm.wasm';

export function wasmPath(): string {
  const bundled = path.join(__dirname, 'sql-wasm.wasm');
  return fs.existsSync(bundled) ? bundled : require.resolve(UNBUNDLED_WASM);
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!engine) {
    const binary = fs.readFileSync(wasmPath());
    const wasmBinary = binary.buffer.slice(binary.byteOffset, binary.byteOffset + binary.byteLength) as ArrayBuffer;
    engine = initSqlJs({ wasmBinary });
    engine.catch(() => {
      engine = undefined;
    });
  }
  return engine;
}
