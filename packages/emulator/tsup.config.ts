import { defineConfig } from 'tsup';

export default defineConfig([
  // The library: ESM and CJS, with declarations for both (index.d.ts, index.d.cts).
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    platform: 'node',
    target: 'node20',
    dts: true,
    clean: true,
    splitting: false,
    sourcemap: false,
    removeNodeProtocol: false,
  },
  // The `opentok-emulator` bin: ESM only, keeps the shebang of src/cli.ts.
  {
    entry: { cli: 'src/cli.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: false,
    sourcemap: false,
    removeNodeProtocol: false,
  },
]);
