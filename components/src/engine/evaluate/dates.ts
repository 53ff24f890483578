/**
 * Date values for the Date condition operators (IAM User Guide, "Date condition operators"): W3C
 * ISO 8601 dates and date-times, or epoch seconds. A date-time without a zone is UTC, as AWS reads
 * it (JavaScript's `Date.parse` would use the local zone, so it is not used).
 */

const ISO_8601 =
  /^(\d{4})-?(\d{2})-?(\d{2})(?:[Tt ](\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?)?\s*(?:[Zz]|([+-])(\d{2})(?::?(\d{2}))?)?$/;
const EPOCH = /^[+-]?\d+(?:\.\d+)?$/;

/** Milliseconds since the epoch, or `undefined` when the text is not a date. */
export function parseDate(s: string): number | undefined {
  const text = s.trim();
  if (EPOCH.test(text) && !/^\d{8}$/.test(text)) return Number(text) * 1000;
  const m = ISO_8601.exec(text);
  if (m === null) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  // Days past the month's end are refused by the calendar check below.
  if (month < 1 || month > 12 || hour > 24 || minute > 59 || second > 60) return undefined;
  const millis = m[7] === undefined ? 0 : Math.round(Number(`0.${m[7]}`) * 1000);
  // ISO 8601 has 24:00 as the end of a day (the next day's 00:00), and no time after it.
  if (hour === 24 && minute + second + millis > 0) return undefined;
  // Z (or no zone) is UTC; otherwise the zone's offset from UTC.
  const offsetMinutes = m[8] === undefined ? 0 : (m[8] === "-" ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0));
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day) return undefined; // 2024-02-31
  return utc - offsetMinutes * 60_000;
}
