import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const seam = (file: string) => ({ '#crypto': fileURLToPath(new URL(`./src/crypto/${file}`, import.meta.url)) });

// The whole suite runs twice: once on the node:crypto seam, once on the @noble/hashes seam,
// so both builds are held to the same known answers and properties.
export default defineConfig({
  test: {
    // Property tests run thousands of cases: give them room on a loaded two-core machine.
    testTimeout: 30000,
    projects: [
      {
        extends: true,
        resolve: { alias: seam('node.ts') },
        test: { name: 'node-seam', include: ['src/**/*.test.ts'] },
      },
      { extends: true, resolve: { alias: seam('web.ts') }, test: { name: 'web-seam', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'built', include: ['test/**/*.test.ts'], testTimeout: 60000 } },
    ],
  },
});
