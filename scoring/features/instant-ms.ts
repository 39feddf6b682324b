/**
 * Date.parse(iso) for the form every stored instant has, "YYYY-MM-DDTHH:mm:ss.sssZ" (Date#toISOString's for
 * years 100–9999), read by arithmetic; any other text (a date, an offset, a leap second, a day past the
 * 28th, a year below 100) goes to Date.parse, so the result is Date.parse's for every input. A scoring
 * reads ~1,000 instants; Date.parse took ~0.2 ms of them (profiled 2026-12-02).
 */
export function instantMs(iso: string): number {
  if (
    iso.length !== 24 ||
    iso.charCodeAt(4) !== 45 || // -
    iso.charCodeAt(7) !== 45 ||
    iso.charCodeAt(10) !== 84 || // T
    iso.charCodeAt(13) !== 58 || // :
    iso.charCodeAt(16) !== 58 ||
    iso.charCodeAt(19) !== 46 || // .
    iso.charCodeAt(23) !== 90 // Z
  ) {
    return Date.parse(iso);
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 2);
  const day = digits(iso, 8, 2);
  const hours = digits(iso, 11, 2);
  const minutes = digits(iso, 14, 2);
  const seconds = digits(iso, 17, 2);
  const millis = digits(iso, 20, 3);
  // NaN (a non-digit) fails every comparison below.
  if (!(year >= 100 && month >= 1 && month <= 12 && day >= 1 && day <= 28 && hours <= 23 && minutes <= 59 && seconds <= 59 && millis >= 0)) return Date.parse(iso);
  return Date.UTC(year, month - 1, day, hours, minutes, seconds, millis);
}

/** The decimal number written by `count` ASCII digits from `start`, or NaN if one is not a digit. */
function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return NaN;
    value = value * 10 + digit;
  }
  return value;
}
