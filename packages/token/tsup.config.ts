import { defineConfig, type Options } from 'tsup';

/** Points the `#crypto` seam at one implementation for each build. */
const seam = (file: string): NonNullable<Options['esbuildPlugins']>[number] => ({
  name: 'crypto-seam',
  setup(build) {
    build.onResolve({ filter: /^#crypto$/ }, () => ({
      path: new URL(`./src/crypto/${file}`, import.meta.url).pathname,
    }));
  },
});

const common: Options = {
  format: ['esm', 'cjs'],
  target: 'es2022',
  sourcemap: false,
  splitting: false,
  treeshake: true,
  removeNodeProtocol: false,
};

export default defineConfig([
  // `node` condition (Node, Bun, Deno): node:crypto.
  { ...common, entry: { node: 'src/index.ts' }, platform: 'node', esbuildPlugins: [seam('node.ts')], clean: true },
  // `default` condition (workerd, edge runtimes, browsers): @noble/hashes.
  { ...common, entry: { default: 'src/index.ts' }, platform: 'neutral', esbuildPlugins: [seam('web.ts')] },
  // One set of declarations for both: index.d.ts (ESM) and index.d.cts (CJS).
  { ...common, entry: { index: 'src/index.ts' }, dts: { only: true } },
]);
