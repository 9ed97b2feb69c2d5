import { describe, expect, it } from 'vitest';
import { formatJavaDate } from './java-date.js';

describe('formatJavaDate', () => {
  it('writes the create_dt of a real 2025 answer', () => {
    // fixtures/json/session-create.json: session created at 1739538894959.
    expect(formatJavaDate(1739538894959)).toBe('Fri Feb 14 05:14:54 PST 2025');
  });

  it('switches to PDT in summer, with two-digit days and 24-hour clock', () => {
    expect(formatJavaDate(Date.UTC(2014, 6, 14, 4, 26, 35))).toBe('Sun Jul 13 21:26:35 PDT 2014');
    expect(formatJavaDate(Date.UTC(2012, 7, 1, 7, 0, 0))).toBe('Wed Aug 01 00:00:00 PDT 2012');
  });
});
