/**
 * The `create_dt` of session answers: Java's `Date.toString()` in Pacific time, as the
 * service writes it (`Fri Feb 14 05:14:54 PST 2025`, docs/protocol.md §5.1).
 * @module
 */

const FORMAT = /* @__PURE__ */ new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/Los_Angeles',
  weekday: 'short',
  month: 'short',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  year: 'numeric',
  timeZoneName: 'short',
});

/**
 * Formats a time as `EEE MMM dd HH:mm:ss zzz yyyy` in the America/Los_Angeles zone.
 * @example
 * formatJavaDate(1739538894959) // 'Fri Feb 14 05:14:54 PST 2025'
 */
export function formatJavaDate(milliseconds: number): string {
  const parts: Record<string, string> = {};
  for (const { type, value } of FORMAT.formatToParts(new Date(milliseconds))) parts[type] = value;
  const { weekday, month, day, hour, minute, second, timeZoneName, year } = parts;
  return `${weekday} ${month} ${day} ${hour}:${minute}:${second} ${timeZoneName} ${year}`;
}
