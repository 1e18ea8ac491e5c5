import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePyproject } from '../../../server/src/config';

const parse = (text: string) => parsePyproject(text, '/p/pyproject.toml', '/p');

test('reads every key of [tool.flyte-cache]', () => {
  const { found, config, warnings } = parse(`
[project]
name = "x"

[tool.flyte-cache]
select = ["fc1", "FC106"]
ignore = ["FC106"]
default-cache-policy = "function-body"
baseline = "origin/main"
exclude = ["tests/**", "legacy.py"]
`);
  assert.equal(found, true);
  assert.deepEqual(warnings, []);
  assert.deepEqual(config, {
    root: '/p',
    select: ['FC1', 'FC106'],
    ignore: ['FC106'],
    defaultCachePolicy: 'function-body',
    baseline: 'origin/main',
    exclude: ['tests/**', 'legacy.py'],
  });
});

test('a pyproject without the table is not a configuration', () => {
  const result = parse('[tool.ruff]\nline-length = 100\n');
  assert.equal(result.found, false);
  assert.deepEqual(result.warnings, []);
});

test('an empty table is a configuration with the defaults', () => {
  assert.deepEqual(parse('[tool.flyte-cache]\n'), { found: true, config: { exclude: [], root: '/p' }, warnings: [] });
});

test('broken TOML: one clear warning with the line, defaults, no throw', () => {
  const result = parse('[tool.flyte-cache]\nselect = ["FC1"\nignore = []\n');
  assert.equal(result.found, false);
  assert.deepEqual(result.config, { exclude: [] });
  assert.equal(result.warnings.length, 1);
  assert.match(result.warnings[0]!, /^\/p\/pyproject\.toml: not valid TOML \(line \d+\): .+; using the default settings$/);
});

test('bad values are reported and skipped, good ones kept', () => {
  const { config, warnings } = parse(`
[tool.flyte-cache]
select = "FC101"
ignore = [1, 2]
default-cache-policy = "auto"
baseline = ""
exclude = "build"
cache-dir = "x"
`);
  assert.deepEqual(config, { root: '/p', select: ['FC101'], exclude: ['build'] }, 'a single string is taken as a one-item list');
  assert.equal(warnings.length, 4);
  assert.match(warnings[0]!, /\[tool\.flyte-cache\] ignore: expected a list of rule codes/);
  assert.match(warnings[1]!, /default-cache-policy: expected "none" or "function-body", got "auto"/);
  assert.match(warnings[2]!, /baseline: expected a git ref/);
  assert.match(warnings[3]!, /cache-dir: unknown key/);
});

test('selectors that match no rule are kept (selecting nothing) and reported', () => {
  const { config, warnings } = parse('[tool.flyte-cache]\nselect = ["FC999", "fc-101"]\n');
  assert.deepEqual(config.select, ['FC999', 'FC-101']);
  assert.deepEqual(warnings.map((w) => w.replace(/^.*select: /, '')), ['"FC999" matches no rule', '"fc-101" is not a rule code or prefix']);
});

test('a [tool] key that is not a table is a warning, not a crash', () => {
  const result = parse('[tool]\nflyte-cache = 3\n');
  assert.equal(result.found, true);
  assert.match(result.warnings[0]!, /must be a table/);
});
