// Orders two cache versions when they have the same shape: the same text around the same number of
// digit runs (`1.9` < `1.10`, `v2` < `v10`, `2024-05-01` < `2024-06-01`). Other pairs are not ordered.

/** Negative, zero or positive like a comparator; undefined when the shapes differ. */
export function compareVersions(a: string, b: string): number | undefined {
  const left = a.split(/(\d+)/);
  const right = b.split(/(\d+)/);
  if (left.length !== right.length) return undefined;
  for (let i = 0; i < left.length; i += 2) if (left[i] !== right[i]) return undefined;
  for (let i = 1; i < left.length; i += 2) {
    const x = BigInt(left[i] ?? '0');
    const y = BigInt(right[i] ?? '0');
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
