// Hit rates and durations as the explorer, the CodeLens and the detail panel print them.

/** 0.8666 → "87%". */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** 850 ms, 12.3 s, 4 min 5 s, 2 h 3 min. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  const total = Math.round(s);
  if (total < 3600) return `${Math.floor(total / 60)} min ${total % 60} s`;
  return `${Math.floor(total / 3600)} h ${Math.floor((total % 3600) / 60)} min`;
}
