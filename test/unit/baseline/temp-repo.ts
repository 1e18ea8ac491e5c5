// Temporary git repositories for tests. CI has no git identity: every command passes one with -c.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const temps: string[] = [];

export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flyte-cache-git-'));
  temps.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', '-C', dir, ...args], { encoding: 'utf8' });
}

/** A new repository holding `files`, committed once. */
export function repoWith(files: Record<string, string>): string {
  const dir = tempDir();
  gitIn(dir, 'init', '-q');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  gitIn(dir, 'add', '.');
  gitIn(dir, 'commit', '-q', '-m', 'first');
  return dir;
}
