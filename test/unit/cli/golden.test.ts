// `flyte-cache check` on test/fixtures/cli/project in each output format, compared with the
// committed test/fixtures/cli/check.expected.*. After an intended change to a rule's message, fix
// or docs, regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff (CI never writes).
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { root, run } from './run-cli';

const fixtures = path.join(root, 'test', 'fixtures', 'cli');
const projectDir = path.join(fixtures, 'project');
// Only the rules that exist when the goldens were written, so new rules do not churn them.
const select = ['--select', 'FC101,FC106'];
const GOLDEN_VERSION = '0.0.0-golden';

function golden(file: string, actual: string): void {
  const expectedFile = path.join(fixtures, file);
  if (process.env['UPDATE_GOLDEN'] === '1' && !process.env['CI']) fs.writeFileSync(expectedFile, actual);
  assert.ok(fs.existsSync(expectedFile), `${file} is missing; create it with UPDATE_GOLDEN=1`);
  assert.equal(actual, fs.readFileSync(expectedFile, 'utf8'), `${file} differs; if the change is intended, regenerate with UPDATE_GOLDEN=1`);
}

interface GoldenRule {
  id: string;
  help: { text: string; markdown: string };
  fullDescription: { text: string };
}

function sarifOf(stdout: string): { runs: { tool: { driver: { version: string; rules: GoldenRule[] } } }[] } {
  return JSON.parse(stdout) as { runs: { tool: { driver: { version: string; rules: GoldenRule[] } } }[] };
}

describe('check output (golden files)', () => {
  it('text', () => {
    const r = run(['check', ...select, '.'], projectDir);
    assert.equal(r.code, 1, r.stderr);
    golden('check.expected.txt', r.stdout);
  });

  it('json', () => {
    const r = run(['check', '--format', 'json', ...select, '.'], projectDir);
    assert.equal(r.code, 1, r.stderr);
    golden('check.expected.json', r.stdout);
  });

  it('sarif', () => {
    const r = run(['check', '--format', 'sarif', ...select, '.'], projectDir);
    assert.equal(r.code, 1, r.stderr);
    const log = sarifOf(r.stdout);
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
    assert.equal(log.runs[0]!.tool.driver.version, pkg.version);
    log.runs[0]!.tool.driver.version = GOLDEN_VERSION;
    // A rule's docs are its own (checked by docs.test.ts); here they must be the ones
    // `flyte-cache rule CODE` prints, and the golden file keeps a placeholder.
    for (const rule of log.runs[0]!.tool.driver.rules) {
      const docs = run(['rule', rule.id]).stdout.trimEnd();
      assert.equal(rule.help.markdown.trimEnd(), docs);
      assert.equal(rule.help.text.trimEnd(), docs);
      assert.ok(rule.fullDescription.text.length > 0 && !rule.fullDescription.text.includes('\n'));
      rule.help = { text: '<docs>', markdown: '<docs>' };
      rule.fullDescription = { text: '<what it does>' };
    }
    golden('check.expected.sarif', `${JSON.stringify(log, null, 2)}\n`);
  });
});

describe('SARIF output against the SARIF 2.1.0 JSON schema', () => {
  // The OASIS schema (2.1.0-rtm.5, the release the standard published) as shipped by
  // @microsoft/jest-sarif; it is a draft-04 schema, hence ajv-draft-04.
  const schema = JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // unicodeRegExp: false because the schema's `language` pattern is not valid with the u flag.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);

  for (const [name, args] of [
    ['with results and fixes', ['check', '--format', 'sarif', '.']],
    ['with no results', ['check', '--format', 'sarif', 'pipeline/clean.py']],
  ] as const) {
    it(`is valid ${name}`, () => {
      const r = run([...args], projectDir);
      const log = JSON.parse(r.stdout) as unknown;
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    });
  }

  it('the schema catches a broken log, so the check above can fail', () => {
    const r = run(['check', '--format', 'sarif', ...select, '.'], projectDir);
    const log = JSON.parse(r.stdout) as { runs: { results: Record<string, unknown>[] }[] };
    log.runs[0]!.results[0]!['level'] = 'fatal';
    delete log.runs[0]!.results[0]!['message'];
    assert.equal(validate(log), false);
  });

  it('links each result to its rule by index and gives 1-based regions relative to %SRCROOT%', () => {
    const r = run(['check', '--format', 'sarif', ...select, '.'], projectDir);
    type Result = { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn: number } } }[] };
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: Result[] }[] };
    const run0 = log.runs[0]!;
    for (const result of run0.results) {
      assert.equal(run0.tool.driver.rules[result.ruleIndex]!.id, result.ruleId);
      assert.equal(result.locations[0]!.physicalLocation.artifactLocation.uriBaseId, '%SRCROOT%');
    }
    const uris = run0.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri);
    assert.ok(uris.includes('pipeline/score%20model.py'), uris.join(', '));
    const first = run0.results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'pipeline/train.py')!;
    assert.deepEqual([first.ruleId, first.level, first.locations[0]!.physicalLocation.region.startLine, first.locations[0]!.physicalLocation.region.startColumn], ['FC101', 'error', 4, 7]);
    assert.match(run0.tool.driver.rules[0]!.helpUri, /\/docs\/rules\/FC101\.md$/);
  });
});
