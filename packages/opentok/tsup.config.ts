import { defineConfig, type Options } from 'tsup';

/**
 * src/commonjs.ts reads `@opentok/token` and `@opentok/rest` with `module.require`, which
 * esbuild leaves alone (a bare `require` would become its `__require` shim, which bundlers do
 * not follow); this turns it into a plain `require` of a literal name in the CommonJS output.
 */
const plainRequire: NonNullable<Options['plugins']>[number] = {
  name: 'plain-require',
  renderChunk(code) {
    if (this.format !== 'cjs') return undefined;
    const replaced = code.replace(/\bmodule\.require\((["'])([@\w./-]+)\1\)/g, 'require($1$2$1)');
    return replaced === code ? undefined : { code: replaced };
  },
};

const common: Options = {
  entry: { index: 'src/index.ts', node: 'src/node.ts', 'lib/errors': 'src/compat/v2-errors.ts' },
  target: 'es2022',
  platform: 'neutral',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  removeNodeProtocol: false,
  // The package's own `#undici` import (package.json `imports`) is resolved where the package
  // runs, by the runtime's conditions, not at build time.
  external: ['#undici'],
};

export default defineConfig([
  // ESM: the public door as written. Declarations for both module kinds come from one pass
  // over the same entries (index.d.ts and index.d.cts).
  { ...common, format: ['esm', 'cjs'], dts: { only: true } },
  { ...common, format: ['esm'], clean: true },
  // What `#undici` resolves to outside Node: an empty module.
  { ...common, entry: { 'no-undici': 'src/compat/no-undici.ts' }, format: ['esm'] },
  // CommonJS: module.exports is the OpenTok class carrying every named export (src/commonjs.ts).
  {
    ...common,
    entry: { index: 'src/commonjs.ts', node: 'src/node.ts', 'lib/errors': 'src/compat/v2-errors.ts' },
    format: ['cjs'],
    plugins: [plainRequire],
    // src/commonjs.ts assigns module.exports on purpose; the CJS output runs where `module` exists.
    esbuildOptions(options) {
      options.logOverride = { 'commonjs-variable-in-esm': 'silent' };
    },
  },
]);
