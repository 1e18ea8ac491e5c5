// Timing helpers for the benchmarks.
import { performance } from 'node:perf_hooks';

/** Runs `fn` `warmup` times unmeasured, then `n` times; returns the durations in ms. */
export function time(fn, n, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  const samples = [];
  for (let i = 0; i < n; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

export function median(samples) {
  return percentile(samples, 50);
}

/** Nearest-rank percentile. */
export function percentile(samples, p) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}
