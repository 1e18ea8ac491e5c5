// Version bumping (facts §6): dates become today's date, otherwise the last run of digits is
// incremented keeping its zero padding, and a version without digits gets "-2".

interface DateFormat {
  readonly pattern: RegExp;
  readonly format: (y: string, m: string, d: string) => string;
}

// Groups: prefix, year, month, day, optional ".N" suffix, rest.
const DATE_FORMATS: readonly DateFormat[] = [
  { pattern: /^(.*?)(\d{4})-(\d{2})-(\d{2})(?:\.(\d+))?(\D.*)?$/, format: (y, m, d) => `${y}-${m}-${d}` },
  { pattern: /^(.*?)(\d{4})\.(\d{2})\.(\d{2})(?:\.(\d+))?(\D.*)?$/, format: (y, m, d) => `${y}.${m}.${d}` },
  { pattern: /^(.*?)(\d{4})_(\d{2})_(\d{2})(?:\.(\d+))?(\D.*)?$/, format: (y, m, d) => `${y}_${m}_${d}` },
  { pattern: /^(.*?\D|)(\d{4})(\d{2})(\d{2})(?:\.(\d+))?(\D.*)?$/, format: (y, m, d) => `${y}${m}${d}` },
];

export function bumpVersion(value: string, today: Date): string {
  return bumpDate(value, today) ?? bumpDigits(value);
}

function bumpDate(value: string, today: Date): string | undefined {
  for (const { pattern, format } of DATE_FORMATS) {
    const m = pattern.exec(value);
    if (!m) continue;
    const [, prefix = '', y = '', mo = '', d = '', suffix, rest = ''] = m;
    if (!isDate(Number(y), Number(mo), Number(d))) continue;
    const todayText = format(String(today.getFullYear()), pad(today.getMonth() + 1), pad(today.getDate()));
    // Any other date (past or future) simply becomes today's; today's gets a ".N" counter.
    if (format(y, mo, d) !== todayText) return `${prefix}${todayText}${rest}`;
    const n = suffix === undefined ? 1 : Number(suffix) + 1;
    return `${prefix}${todayText}.${n}${rest}`;
  }
  return undefined;
}

function bumpDigits(value: string): string {
  const m = /^(.*?)(\d+)(\D*)$/.exec(value);
  if (!m) return `${value}-2`;
  const [, head = '', digits = '', tail = ''] = m;
  const next = (BigInt(digits) + 1n).toString();
  return head + next.padStart(digits.length, '0') + tail;
}

function isDate(y: number, m: number, d: number): boolean {
  if (y < 1970 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
