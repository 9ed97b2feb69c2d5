import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      // Every command spawned as a real process (the built bin) against an emulator.
      { extends: true, test: { name: 'commands', include: ['test/**/*.test.ts'], testTimeout: 60000 } },
    ],
  },
});
