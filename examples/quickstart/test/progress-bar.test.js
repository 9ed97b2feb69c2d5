import { describe, expect, it } from 'vitest';
import { createProgressBar, formatBytes, formatDuration, renderProgress } from '../src/progress-bar.js';

describe('renderProgress', () => {
  it('fills the bar in proportion and shows the percentage and sizes', () => {
    expect(renderProgress({ receivedBytes: 50, totalBytes: 100 }, 10)).toBe('[#####-----]  50%  50 B / 100 B');
    expect(renderProgress({ receivedBytes: 2048, totalBytes: 2048 }, 4)).toBe('[####] 100%  2.0 KB / 2.0 KB');
  });

  it('shows only the bytes received when the total is unknown', () => {
    expect(renderProgress({ receivedBytes: 3 * 1024 * 1024 }, 3)).toBe('[???]  3.0 MB');
  });

  it('writes both sizes in the unit of the total', () => {
    expect(renderProgress({ receivedBytes: 512, totalBytes: 300 * 1024 }, 4)).toBe('[----]   0%  0.5 KB / 300.0 KB');
    expect(renderProgress({ receivedBytes: 0, totalBytes: 2 * 1024 * 1024 }, 4)).toBe('[----]   0%  0.0 MB / 2.0 MB');
  });

  it('never overflows the bar', () => {
    expect(renderProgress({ receivedBytes: 300, totalBytes: 100 }, 5)).toBe('[#####] 100%  300 B / 100 B');
  });
});

describe('formatBytes', () => {
  it('picks a unit', () => {
    expect([formatBytes(1), formatBytes(1536), formatBytes(5 * 1024 * 1024)]).toEqual(['1 B', '1.5 KB', '5.0 MB']);
  });

  it('writes a count in the unit it is given', () => {
    expect([formatBytes(512, 'KB'), formatBytes(1536, 'B'), formatBytes(1536, 'MB')]).toEqual([
      '0.5 KB',
      '1536 B',
      '0.0 MB',
    ]);
  });
});

describe('formatDuration', () => {
  it('uses milliseconds below a second and never says 0 s', () => {
    expect([formatDuration(0), formatDuration(4.4), formatDuration(860), formatDuration(999.4)]).toEqual([
      '0 ms',
      '4 ms',
      '860 ms',
      '999 ms',
    ]);
    expect([formatDuration(999.6), formatDuration(1240), formatDuration(61_500)]).toEqual([
      '1.00 s',
      '1.24 s',
      '61.50 s',
    ]);
  });
});

describe('createProgressBar', () => {
  it('redraws in place on a terminal', () => {
    const written = [];
    const bar = createProgressBar({ isTTY: true, write: (text) => written.push(text) });
    bar.update({ receivedBytes: 1, totalBytes: 2 });
    bar.update({ receivedBytes: 2, totalBytes: 2 });
    bar.finish();
    expect(written).toHaveLength(3);
    expect(written[0]).toMatch(/^\r {4}\[#+-+\] {2}50%/);
    expect(written[2]).toBe('\n');
  });

  it('prints only the last frame elsewhere', () => {
    const written = [];
    const bar = createProgressBar({ isTTY: false, write: (text) => written.push(text) });
    bar.update({ receivedBytes: 1, totalBytes: 2 });
    bar.update({ receivedBytes: 2, totalBytes: 2 });
    bar.finish();
    expect(written).toEqual([`    ${renderProgress({ receivedBytes: 2, totalBytes: 2 })}\n`]);
  });
});
