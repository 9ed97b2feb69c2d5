/**
 * Bundles the worker as Cloudflare's tooling would: ESM, browser platform, the `workerd` and
 * `worker` conditions, so `@opentok/token` resolves to its Web Crypto-free, Node-free build.
 * @module
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * @param {{ write?: boolean }} [options] `write: false` returns the bundle as text
 * @returns {Promise<string | undefined>}
 */
export async function bundleWorker({ write = true } = {}) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./src/worker.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['workerd', 'worker', 'browser'],
    target: 'es2022',
    minify: true,
    write,
    outfile: fileURLToPath(new URL('./dist/worker.js', import.meta.url)),
  });
  return write ? undefined : result.outputFiles[0].text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await bundleWorker();
  console.log('dist/worker.js written');
}
