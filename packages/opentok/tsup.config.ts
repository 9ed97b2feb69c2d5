import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: { index: 'src/index.ts', node: 'src/node.ts', 'lib/errors': 'src/compat/v2-errors.ts' },
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  removeNodeProtocol: false,
};

export default defineConfig([
  // ESM: the public door as written. Declarations for both module kinds come from one pass
  // over the same entries (index.d.ts and index.d.cts).
  { ...common, format: ['esm', 'cjs'], dts: { only: true } },
  { ...common, format: ['esm'], clean: true },
  // CommonJS: module.exports is the OpenTok class carrying every named export (src/commonjs.ts).
  {
    ...common,
    entry: { index: 'src/commonjs.ts', node: 'src/node.ts', 'lib/errors': 'src/compat/v2-errors.ts' },
    format: ['cjs'],
    // src/commonjs.ts assigns module.exports on purpose; the CJS output runs where `module` exists.
    esbuildOptions(options) {
      options.logOverride = { 'commonjs-variable-in-esm': 'silent' };
    },
  },
]);
