import { defineConfig, type Options } from 'tsup';

const common: Options = {
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  removeNodeProtocol: false,
};

export default defineConfig([
  // ESM: the public door as written, plus declarations for both module kinds.
  {
    ...common,
    entry: { index: 'src/index.ts', node: 'src/node.ts' },
    format: ['esm'],
    dts: { entry: { index: 'src/index.ts', node: 'src/node.ts' } },
    clean: true,
  },
  { ...common, entry: { index: 'src/index.ts', node: 'src/node.ts' }, format: ['cjs'], dts: { only: true } },
  // CommonJS: module.exports is the OpenTok class carrying every named export (src/commonjs.ts).
  {
    ...common,
    entry: { index: 'src/commonjs.ts', node: 'src/node.ts' },
    format: ['cjs'],
    // src/commonjs.ts assigns module.exports on purpose; the CJS output runs where `module` exists.
    esbuildOptions(options) {
      options.logOverride = { 'commonjs-variable-in-esm': 'silent' };
    },
  },
]);
