/** The built package, through its exports map, from ESM and from CommonJS. Needs `pnpm build` first. */
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const EXPORTS = ['controlApiNotice', 'createApplicationKeys', 'isLoopbackHost', 'startEmulator'];

describe('the built package', () => {
  it('starts and stops from ESM and from CommonJS, exporting only startEmulator, createApplicationKeys and the control API notice helpers', async () => {
    const esm = await import('@opentok/emulator');
    const cjs = createRequire(import.meta.url)('@opentok/emulator') as typeof esm;
    expect(Object.keys(esm).sort()).toEqual(EXPORTS);
    expect(Object.keys(cjs).sort()).toEqual(EXPORTS);
    for (const { startEmulator } of [esm, cjs]) {
      const emulator = await startEmulator();
      const answer = await fetch(`${emulator.url}/_emulator/state`);
      expect(((await answer.json()) as { projects: unknown[] }).projects).toHaveLength(1);
      await emulator.close();
    }
  });
});
