// Runs the bundled CLI (dist/cli.js, built by `npm test` before the unit suites) as a user would.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../importers/fixture-tools';

export const root = path.resolve(__dirname, '../../../..');
export const cli = path.join(root, 'dist', 'cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function run(args: string[], cwd = root, options: { env?: NodeJS.ProcessEnv; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', input: options.input ?? '', env: { ...process.env, ...options.env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A temp folder holding `files` (relative path -> text). */
export function project(files: Record<string, string>): string {
  const dir = tempDir('flyte-cache-cli-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** A temp copy of a folder under test/fixtures/cli/. */
export function copyFixture(name: string): string {
  const dir = tempDir('flyte-cache-cli-');
  fs.cpSync(path.join(root, 'test', 'fixtures', 'cli', name), dir, { recursive: true });
  return dir;
}
