// Reads a file's text at a git ref (`git show <commit>:<path>`), asynchronously, for the staleness
// rules. Anything that is not a clean answer (no git binary, not a repository, an untracked file, an
// unknown ref) is reported as `missing`, never thrown: those files simply have no baseline.
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export type BaselineResult = { text: string; commit: string } | { missing: 'no-git' | 'untracked' | 'bad-ref' | 'error'; detail?: string };

interface GitOutput {
  code: number | 'ENOENT' | 'error';
  stdout: string;
  stderr: string;
}

const MAX_FILE_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 10_000;

function git(cwd: string, args: readonly string[]): Promise<GitOutput> {
  return new Promise((resolve) => {
    // GIT_OPTIONAL_LOCKS=0: never take the index lock, so an editor's `git` never blocks the user's.
    const env = { ...process.env, GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' };
    execFile('git', ['-C', cwd, ...args], { encoding: 'utf8', maxBuffer: MAX_FILE_BYTES, timeout: TIMEOUT_MS, windowsHide: true, env }, (error, stdout, stderr) => {
      if (!error) return resolve({ code: 0, stdout, stderr });
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return resolve({ code: 'ENOENT', stdout: '', stderr: '' });
      resolve({ code: typeof code === 'number' ? code : 'error', stdout, stderr: stderr || error.message });
    });
  });
}

/**
 * Caches blobs by (repository, commit, path), since a commit's content never changes, and the
 * commit a ref names for `refTtlMs`, so a burst of reads costs one `rev-parse`.
 */
export class GitBaselines {
  private readonly blobs = new Map<string, Promise<BaselineResult>>();
  private readonly roots = new Map<string, Promise<GitOutput>>();
  private readonly commits = new Map<string, { at: number; answer: Promise<GitOutput> }>();

  constructor(private readonly refTtlMs = 1000) {}

  /** The text of `file` (an absolute path) at `ref`, resolved to a commit on every call so a new commit is seen. */
  async read(file: string, ref = 'HEAD'): Promise<BaselineResult> {
    let dir: string;
    try {
      dir = await fs.realpath(path.dirname(file));
    } catch (err) {
      return { missing: 'error', detail: err instanceof Error ? err.message : String(err) };
    }
    const top = await this.root(dir);
    if (top.code === 'ENOENT') return { missing: 'no-git', detail: 'git is not installed' };
    if (top.code !== 0) return /not a git repository/i.test(top.stderr) ? { missing: 'no-git' } : { missing: 'error', detail: top.stderr.trim() };
    const root = top.stdout.trim();
    const commit = await this.commit(root, ref);
    if (commit.code !== 0) return { missing: 'bad-ref', detail: ref };
    const hash = commit.stdout.trim();
    const relative = path.relative(root, path.join(dir, path.basename(file))).split(path.sep).join('/');
    if (relative.startsWith('../')) return { missing: 'untracked' };
    const key = `${root}\0${hash}\0${relative}`;
    let blob = this.blobs.get(key);
    if (!blob) {
      blob = show(root, hash, relative);
      this.blobs.set(key, blob);
      // A failure may be passing (a lock, a timeout): ask again next time.
      void blob.then((r) => 'missing' in r && r.missing === 'error' && this.blobs.delete(key));
      if (this.blobs.size > 500) this.blobs.delete(this.blobs.keys().next().value as string);
    }
    return blob;
  }

  private root(dir: string): Promise<GitOutput> {
    let answer = this.roots.get(dir);
    if (!answer) {
      answer = git(dir, ['rev-parse', '--show-toplevel']);
      this.roots.set(dir, answer);
      // Only a repository's location is stable; "not a repository" may change with `git init`.
      void answer.then((out) => out.code !== 0 && this.roots.delete(dir));
    }
    return answer;
  }

  private commit(root: string, ref: string): Promise<GitOutput> {
    const key = `${root}\0${ref}`;
    const now = Date.now();
    const hit = this.commits.get(key);
    if (hit && now - hit.at < this.refTtlMs) return hit.answer;
    // `--end-of-options` keeps a ref such as `--output=x` from being read as an option.
    const answer = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
    this.commits.set(key, { at: now, answer });
    return answer;
  }
}

async function show(root: string, commit: string, relative: string): Promise<BaselineResult> {
  const out = await git(root, ['show', `${commit}:${relative}`]);
  if (out.code === 0) return { text: out.stdout, commit };
  // "path 'x' does not exist in 'HEAD'" / "exists on disk, but not in '<commit>'".
  if (/does not exist|exists on disk, but not in/i.test(out.stderr)) return { missing: 'untracked' };
  return { missing: 'error', detail: out.stderr.trim() };
}

const shared = new GitBaselines();

/** The text of `file` at `ref` in its repository, through a process-wide cache. */
export function readBaseline(file: string, ref = 'HEAD'): Promise<BaselineResult> {
  return shared.read(file, ref);
}
