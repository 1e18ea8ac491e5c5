import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '**/node_modules/**', '.e2e/**', 'examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', __dirname: 'readonly', setInterval: 'readonly', clearInterval: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Protocol messages are namespaces holding method, type and params, as in vscode-eslint.
  { files: ['protocol/**/*.ts'], rules: { '@typescript-eslint/no-namespace': 'off' } },
  // Dependency directions (see STYLE: client -> protocol <- server/lsp -> engine <- rules).
  { files: ['client/**/*.ts'], rules: restrict([{ group: ['**/server/**', 'sql.js'], message: 'The client only talks to the server through protocol/.' }]) },
  { files: ['server/src/engine/**/*.ts'], rules: restrict([{ group: ['**/rules/**', '**/lsp/**', '**/store/**', '**/cli/**', 'vscode', 'vscode-languageserver*', 'fs', 'node:fs', 'sql.js'], message: 'The engine is pure: no rules, LSP, store, CLI or fs.' }]) },
  { files: ['server/src/rules/**/*.ts'], rules: restrict([{ group: ['**/lsp/**', '**/store/**', '**/cli/**', 'vscode', 'vscode-languageserver*', 'sql.js'], message: 'Rules import only the engine.' }]) },
  { files: ['server/src/cli/**/*.ts'], rules: restrict([{ group: ['**/lsp/**', 'vscode', 'vscode-languageserver*', 'sql.js'], message: 'The CLI never imports the LSP layer.' }]) },
  { files: ['server/src/importers/**/*.ts'], rules: restrict([{ group: ['**/engine/**', '**/lsp/**', 'sql.js'], message: 'Importers produce plain records; only store/ imports sql.js.' }]) },
  { files: ['server/src/local-cache/**/*.ts'], rules: restrict([{ group: ['**/engine/**', '**/lsp/**', '**/cli/**', 'vscode', 'vscode-languageserver*', 'sql.js'], message: 'local-cache/ (import into the store, eviction) is shared by the CLI and the LSP layer and imports neither.' }]) },
  { files: ['server/src/lsp/**/*.ts', 'server/src/config/**/*.ts'], rules: restrict([{ group: ['sql.js'], message: 'Only server/src/store imports sql.js.' }]) },
  { files: ['**/*.mjs', 'scripts/**', 'test/e2e/*.mjs'], languageOptions: { sourceType: 'module' } },
  // Webview scripts run in the panel's browser context (strict CSP, no modules).
  { files: ['media/**/*.js'], languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', acquireVsCodeApi: 'readonly' } } },
);
