import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatFields, formatTable, parseDuration } from './format.js';

describe('parseDuration', () => {
  it('reads seconds and s, m, h, d suffixes', () => {
    expect([
      parseDuration('3600'),
      parseDuration('90s'),
      parseDuration('30m'),
      parseDuration('2h'),
      parseDuration('7d'),
    ]).toEqual([3600, 90, 1800, 7200, 604800]);
  });

  it('round-trips every whole number of each unit', () => {
    const units = { s: 1, m: 60, h: 3600, d: 86400 } as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.constantFrom('s', 'm', 'h', 'd'), (count, unit) => {
        expect(parseDuration(`${count}${unit}`)).toBe(count * units[unit as keyof typeof units]);
      }),
    );
  });

  it('refuses anything else', () => {
    const garbage = fc.string().filter((text) => !/^\s*\d{1,9}[smhd]?\s*$/.test(text));
    expect(fc.sample(garbage, 50).some((text) => text.length > 0)).toBe(true);
    fc.assert(
      fc.property(garbage, (text) => {
        expect(parseDuration(text)).toBeUndefined();
      }),
    );
    expect(parseDuration('0')).toBeUndefined();
    expect(parseDuration('-5m')).toBeUndefined();
  });
});

describe('formatBytes and formatDuration', () => {
  it('print sizes in powers of 1000 and durations as m:ss or h:mm:ss', () => {
    expect([formatBytes(0), formatBytes(999), formatBytes(307_803), formatBytes(2_500_000_000)]).toEqual([
      '0 B',
      '999 B',
      '307.8 KB',
      '2.5 GB',
    ]);
    expect([formatDuration(0), formatDuration(7), formatDuration(65), formatDuration(3725)]).toEqual([
      '0:00',
      '0:07',
      '1:05',
      '1:02:05',
    ]);
  });

  it('formatDuration reads back to the seconds it was given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (seconds) => {
        const parts = formatDuration(seconds).split(':').map(Number);
        expect(parts.reduce((total, part) => total * 60 + part, 0)).toBe(seconds);
      }),
    );
  });
});

describe('formatTable', () => {
  it('aligns every column on the widest cell', () => {
    const rows = fc.array(
      fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), fc.string({ maxLength: 5 })),
      {
        maxLength: 8,
      },
    );
    const safe = rows.map((list) => list.map((row) => row.map((cell) => cell.replace(/\s/g, '_') || 'x')));
    fc.assert(
      fc.property(safe, (cells) => {
        const lines = formatTable(['A', 'BB', 'C'], cells);
        expect(lines).toHaveLength(cells.length + 1);
        const second = lines[0]!.indexOf('BB');
        for (const [index, row] of cells.entries())
          expect(lines[index + 1]!.slice(second).startsWith(row[1]!)).toBe(true);
      }),
    );
  });
});

describe('formatTable and formatFields', () => {
  it('escape every cell: a name with ESC, CR, LF or a bidi override stays inside its row', () => {
    const hostile = 'x\x1b]52;c;aGk=\x07\r\nfake row\u202e';
    const escaped = 'x\\x1b]52;c;aGk=\\x07\\r\\nfake row\\u202e';
    expect(formatTable(['ID', 'NAME'], [[hostile, hostile]])).toEqual([
      `ID${' '.repeat(escaped.length)}NAME`,
      `${escaped}  ${escaped}`,
    ]);
    expect(
      formatFields(
        [
          ['name', hostile],
          ['empty', ''],
          ['none', undefined],
        ],
        true,
      ),
    ).toEqual([`name        ${escaped}`]);
  });
});
