import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { extends: true, test: { name: 'source', include: ['src/**/*.test.ts'] } },
      // Loads dist/ through the package's own exports map, with require() and import().
      { extends: true, test: { name: 'built', include: ['test/**/*.test.ts'], testTimeout: 60000 } },
    ],
  },
});
