import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The CommonJS build loads lazy chunks (the XML parser, ky) with `require` instead of `import()`:
 * CommonJS run in a `vm` context, as Jest does without its ESM mode, cannot `import()`. And the
 * CommonJS door's `module.require('./api.cjs')` (src/commonjs.ts) becomes a plain `require`,
 * which bundlers follow as they follow any `require` of a literal path. Runs on esbuild's output
 * before tsup turns the split chunks into CommonJS, which leaves `require` alone.
 */
const requireLazyChunks: NonNullable<Options['plugins']>[number] = {
  name: 'require-lazy-chunks',
  renderChunk(code) {
    if (this.format !== 'cjs') return undefined;
    const replaced = code
      .replace(/\bimport\((["'])(\.\/[\w.-]+\.cjs)\1\)/g, 'Promise.resolve().then(() => require($1$2$1))')
      .replace(/\bmodule\.require\((["'])(\.\/[\w.-]+\.cjs)\1\)/g, 'require($1$2$1)');
    return replaced === code ? undefined : { code: replaced };
  },
};

const common: Options = {
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  target: 'es2022',
  platform: 'node',
  sourcemap: false,
  // Shared chunks, so that `@opentok/rest/node` throws the very error classes `@opentok/rest` exports,
  // and a chunk of its own for the XML parser, which `xml.ts` loads on first use.
  splitting: true,
  treeshake: true,
  removeNodeProtocol: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
};

export default defineConfig([
  { ...common, format: ['esm'], clean: true },
  // ky is ESM-only: bundled into the CommonJS build, whose interop with it breaks otherwise.
  // The CommonJS door is src/commonjs.ts, which loads `api` (index.ts) on first use.
  {
    ...common,
    entry: { index: 'src/commonjs.ts', api: 'src/index.ts', node: 'src/node.ts' },
    format: ['cjs'],
    noExternal: ['ky'],
    // No rollup pass: esbuild has tree-shaken the bundle already, and rollup's pass warned on
    // every build that ky's chunk has named and default exports ("Entry module … is using named
    // and default exports together"), a warning about nothing (the client reads `.default`).
    treeshake: false,
    plugins: [requireLazyChunks],
    // src/commonjs.ts defines `OPERATIONS` on module.exports; the CJS output runs where `module` exists.
    esbuildOptions(options) {
      options.logOverride = { 'commonjs-variable-in-esm': 'silent' };
    },
  },
  { ...common, format: ['esm', 'cjs'], dts: { only: true, compilerOptions: { types: ['node'] } } },
]);
