// Writes docs/rules/FCxxx.md from each rule's docs. Needs the compiled tests tree:
//   npx tsc -p tsconfig.json && node scripts/gen-docs.mjs
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { allRules } = require(join(root, 'out/server/src/analysis.js'));
const { rulePage, rulePageFile, withRulesTable } = require(join(root, 'out/server/src/rules/doc-page.js'));

for (const rule of allRules()) {
  const file = join(root, rulePageFile(rule.code));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, rulePage(rule));
  console.log(`wrote ${rulePageFile(rule.code)}`);
}

const readme = join(root, 'README.md');
writeFileSync(readme, withRulesTable(readFileSync(readme, 'utf8'), allRules()));
console.log('wrote the rules table in README.md');
