import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBar, formatDone, RateMeter } from './progress.js';

describe('formatBar', () => {
  it('shows the bar, percentage, bytes, rate and time left', () => {
    expect(formatBar('a.mp4', { receivedBytes: 150_000, totalBytes: 300_000 }, 50_000)).toBe(
      'a.mp4  [############------------]   50%  150.0 KB/300.0 KB  50.0 KB/s  ETA 3s',
    );
    expect(formatBar('a.mp4', { receivedBytes: 1000, totalBytes: 300_000 }, 0)).toMatch(/ETA --$/);
    expect(formatBar('a.mp4', { receivedBytes: 1000, totalBytes: undefined }, 1000)).toBe('a.mp4  1.0 KB  1.0 KB/s');
  });

  it('fits any label into the terminal width, keeping both ends of the name', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 300 }),
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 100, max: 300 }),
        (label, received, total, columns) => {
          const line = formatBar(label, { receivedBytes: Math.min(received, total), totalBytes: total }, 1000, columns);
          expect(line.length).toBeLessThan(columns);
          expect(line.startsWith(label.slice(0, 10)) || line.startsWith(label.slice(0, 1))).toBe(true);
        },
      ),
    );
  });

  it('formatDone gives size, time and rate', () => {
    expect(formatDone('out/a.mp4', { receivedBytes: 307_803, totalBytes: 307_803 }, 0.5)).toBe(
      'out/a.mp4  307.8 KB in 0.5s (615.6 KB/s)',
    );
  });
});

describe('RateMeter', () => {
  it('measures the recent rate, dropping to zero when nothing arrives', () => {
    const meter = new RateMeter(3);
    expect(meter.sample(0, 0)).toBe(0);
    expect(meter.sample(1, 100_000)).toBe(100_000);
    expect(meter.sample(2, 200_000)).toBe(100_000);
    for (let second = 3; second <= 8; second += 1) meter.sample(second, 200_000);
    expect(meter.sample(9, 200_000)).toBe(0);
  });
});
