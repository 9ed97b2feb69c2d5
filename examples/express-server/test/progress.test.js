import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { progressLogger } from '../src/progress.js';

describe('progressLogger', () => {
  it('prints the real percentage of the bytes received, not the quarter passed', () => {
    const lines = [];
    const onProgress = progressLogger('A', (line) => lines.push(line));
    onProgress({ receivedBytes: 65359, totalBytes: 307803 });
    onProgress({ receivedBytes: 65536, totalBytes: 307803 }); // same quarter: no new line
    onProgress({ receivedBytes: 160000, totalBytes: 307803 });
    onProgress({ receivedBytes: 307803, totalBytes: 307803 });
    expect(lines).toEqual([
      'archive A: 21% (65359 of 307803 bytes)',
      'archive A: 51% (160000 of 307803 bytes)',
      'archive A: 100% (307803 of 307803 bytes)',
    ]);
  });

  it('always says a percentage that matches the bytes it prints', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true })),
        (total, steps) => {
          const lines = [];
          const onProgress = progressLogger('A', (line) => lines.push(line));
          for (const step of [...steps].sort())
            onProgress({ receivedBytes: Math.floor(step * total), totalBytes: total });
          for (const line of lines) {
            const [, percent, received] = /: (\d+)% \((\d+) of/.exec(line);
            expect(Number(percent)).toBe(Math.floor((Number(received) / total) * 100));
          }
        },
      ),
    );
  });
});
