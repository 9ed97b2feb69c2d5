import { defineConfig } from 'vitest/config';

// Each test runs the quickstart as a child process (an emulator, an archive, a download):
// seconds on a loaded two-core machine.
export default defineConfig({ test: { testTimeout: 60_000, hookTimeout: 60_000 } });
