// Sums up mocha's epilogue ("  5 passing (3s)", "  1 failing", "  2 pending") seen in
// the streamed test output as the runner's last stdout line: "e2e: 5 passed, 1 failed".
export class MochaSummary {
  seen = false;
  passed = 0;
  failed = 0;
  skipped = 0;
  #carry = '';

  scan(text) {
    const lines = (this.#carry + text).split('\n');
    this.#carry = lines.pop() ?? '';
    for (const line of lines) {
      // eslint-disable-next-line no-control-regex
      const m = /^\s*(\d+) (passing|failing|pending)\b/.exec(line.replace(/\x1b\[[0-9;]*m/g, ''));
      if (!m) continue;
      this.seen = true;
      const key = { passing: 'passed', failing: 'failed', pending: 'skipped' }[m[2]];
      this[key] += Number(m[1]);
    }
  }

  /** A failing exit code always counts as at least one failure, so the total never silently drops. */
  line(exitCode) {
    this.scan('\n');
    const failed = exitCode !== 0 && this.failed === 0 ? 1 : this.failed;
    return `e2e: ${this.passed} passed, ${failed} failed` + (this.skipped ? `, ${this.skipped} skipped` : '');
  }
}
