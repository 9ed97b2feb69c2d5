/**
 * Human formats: sizes, durations, rates, dates, aligned tables and name/value lines. Tables
 * and name/value lines escape every cell (see `escapeText`): their text comes from other people.
 * @module
 */
import { escapeText } from './escape.js';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** `312.4 KB`: powers of 1000, one decimal from KB up. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}

/** `1:05` or `1:02:05` for a number of seconds. */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = String(whole % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** `2026-11-30 12:52` in UTC, from milliseconds since the epoch. */
export function formatDate(milliseconds: number): string {
  if (!Number.isFinite(milliseconds)) return '-';
  return new Date(milliseconds).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The lines of a table: columns padded to the widest cell, the last column not padded. Each
 * cell is escaped (control and bidi characters, line breaks included), so that a row is one line.
 */
export function formatTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string[] {
  const safe = [header, ...rows].map((row) => row.map(escapeText));
  const widths = header.map((_title, column) => Math.max(...safe.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return safe.map(line);
}

/**
 * `name        value` lines, names padded to 12, each value escaped as a table cell is.
 * Values that are `undefined`, `null` or empty are left out when `skipEmpty` is set.
 */
export function formatFields(fields: ReadonlyArray<readonly [string, unknown]>, skipEmpty = false): string[] {
  return fields
    .filter(([, value]) => !skipEmpty || (value !== undefined && value !== null && value !== ''))
    .map(([name, value]) => `${name.padEnd(12)}${escapeText(String(value))}`);
}

/**
 * Parses a duration such as `3600`, `90s`, `30m`, `2h` or `7d` into seconds.
 * @returns `undefined` when the text is not such a duration.
 */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,9})([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const factor = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  const seconds = Number(match[1]) * factor;
  return seconds > 0 ? seconds : undefined;
}
