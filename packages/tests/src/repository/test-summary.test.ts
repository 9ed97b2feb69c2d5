/**
 * The closing summary of the repository's test command (scripts/test-summary.mjs), fed with
 * turbo output as it prints it: counts summed over packages, skips listed by package with their
 * notices, and a skip failing the run under CI=true.
 * @module
 */
import { describe, expect, it } from 'vitest';

type Summarize = (
  results: { name: string; code: number; output: string }[],
  options?: { ci?: boolean },
) => { text: string; failed: boolean; skipped: number; notices: string[] };

const modulePath = new URL('../../../../scripts/test-summary.mjs', import.meta.url).href;
const { summarize } = (await import(modulePath)) as { summarize: Summarize };

const turbo = (lines: string[]) => ({ name: 'build, typecheck, tests, publint', code: 0, output: lines.join('\n') });
const ok = [
  { name: 'biome', code: 0, output: '' },
  { name: 'changesets', code: 0, output: '' },
];
const clean = turbo([
  '@opentok/token:test: \x1b[2m      Tests \x1b[22m \x1b[1m\x1b[32m120 passed\x1b[39m\x1b[22m\x1b[90m (120)\x1b[39m',
  'opentok:test:       Tests  40 passed (40)',
]);
const skipping = turbo([
  '@opentok/token:test: ',
  '@opentok/token:test: !!! SKIPPED: the headless Chromium tests of @opentok/token did not run: no Chromium at /usr/bin/chromium.',
  '@opentok/token:test:       Tests  120 passed | 6 skipped (126)',
  '@opentok/emulator:test: [emulator media tests] ffprobe not found: the ffmpeg cross-check is SKIPPED',
  '@opentok/emulator:test:       Tests  1 failed | 89 passed | 1 skipped (91)',
]);

describe('the test command summary', () => {
  it('sums the counts of every vitest run and says nothing was skipped', () => {
    const summary = summarize([clean, ...ok]);
    expect(summary.text).toContain('tests: 160 passed, 0 failed, 0 skipped');
    expect(summary.text).toContain('nothing skipped');
    expect(summary.failed).toBe(false);
    expect(summary.text.trimEnd().endsWith('ok')).toBe(true);
  });

  it('lists skips by package with their notices, and passes outside CI', () => {
    const summary = summarize([skipping, ...ok]);
    expect(summary.skipped).toBe(7);
    expect(summary.text).toContain('tests: 209 passed, 1 failed, 7 skipped');
    expect(summary.text).toContain('@opentok/token: 6 skipped');
    expect(summary.text).toContain('@opentok/emulator: 1 skipped');
    expect(summary.notices).toEqual([
      '@opentok/token: SKIPPED: the headless Chromium tests of @opentok/token did not run: no Chromium at /usr/bin/chromium.',
      '@opentok/emulator: [emulator media tests] ffprobe not found: the ffmpeg cross-check is SKIPPED',
    ]);
    expect(summary.failed).toBe(false);
  });

  it('fails under CI=true when anything was skipped, and says why', () => {
    const summary = summarize([skipping, ...ok], { ci: true });
    expect(summary.failed).toBe(true);
    expect(summary.text).toContain('CI=true: a skipped check fails the run');
    expect(summary.text.trimEnd().endsWith('FAILED')).toBe(true);
    expect(summarize([clean, ...ok], { ci: true }).failed).toBe(false);
  });

  it('fails when a step failed and names it', () => {
    const summary = summarize([clean, { name: 'biome', code: 1, output: '' }, ok[1]!]);
    expect(summary.failed).toBe(true);
    expect(summary.text).toMatch(/FAILED {2}biome/);
    expect(summary.text).toMatch(/ok {6}changesets/);
  });

  it('names the turbo tasks that failed', () => {
    const failing = {
      ...turbo(['', ' Tasks:    22 successful, 23 total', 'Failed:    @opentok/emulator#test']),
      code: 1,
    };
    const summary = summarize([failing, ...ok]);
    expect(summary.failed).toBe(true);
    expect(summary.text).toMatch(
      /FAILED {2}build, typecheck, tests, publint\n {10}failed tasks: @opentok\/emulator#test/,
    );
  });
});
