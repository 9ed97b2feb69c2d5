import { readFileSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

const common: Options = {
  entry: { index: 'src/index.ts', node: 'src/node.ts' },
  target: 'es2022',
  platform: 'node',
  sourcemap: false,
  // Shared chunks, so that `@opentok/rest/node` throws the very error classes `@opentok/rest` exports.
  splitting: true,
  treeshake: true,
  removeNodeProtocol: false,
  define: { __PACKAGE_VERSION__: JSON.stringify(version) },
};

export default defineConfig([
  { ...common, format: ['esm'], clean: true },
  // ky is ESM-only: bundled into the CommonJS build, whose interop with it breaks otherwise (toolchain.md).
  { ...common, format: ['cjs'], noExternal: ['ky'] },
  { ...common, format: ['esm', 'cjs'], dts: { only: true, compilerOptions: { types: ['node'] } } },
]);
