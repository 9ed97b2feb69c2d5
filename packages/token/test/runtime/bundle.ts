/**
 * Bundles one probe entry with esbuild the way an application for that runtime would be
 * bundled: `@opentok/token` imported by its name, the build picked by the export conditions.
 */
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build } from 'esbuild';

/** Where a bundle runs. */
export type Target = 'node-module' | 'node-common' | 'server-runtime' | 'edge-runtime' | 'workerd' | 'browser';

const settings: Record<Target, { entry: string; options: BuildOptions }> = {
  // Node resolves the package itself at run time.
  'node-module': {
    entry: 'node-module.mjs',
    options: { platform: 'node', format: 'esm', external: ['@opentok/token'] },
  },
  'node-common': {
    entry: 'node-common.cjs',
    options: { platform: 'node', format: 'cjs', external: ['@opentok/token'] },
  },
  // Bun and Deno resolve the package themselves at run time.
  'server-runtime': {
    entry: 'server-runtime.mjs',
    options: { platform: 'node', format: 'esm', external: ['@opentok/token'] },
  },
  // Vercel's edge runtime: neutral platform with its conditions (no `node`, no `browser`).
  'edge-runtime': {
    entry: 'global.js',
    options: { platform: 'neutral', format: 'iife', conditions: ['edge-light', 'worker'] },
  },
  // Cloudflare: wrangler's conditions.
  workerd: { entry: 'worker.js', options: { platform: 'neutral', format: 'esm', conditions: ['workerd', 'worker'] } },
  browser: { entry: 'global.js', options: { platform: 'browser', format: 'iife' } },
};

/** A bundle's code and the files (relative to packages/token) that went into it. */
export interface Bundle {
  code: string;
  inputs: string[];
}

/** Bundles the probe for `target`; the package's files must already be built. */
export async function bundleProbe(target: Target): Promise<Bundle> {
  const { entry, options } = settings[target];
  const result = await build({
    ...options,
    entryPoints: [fileURLToPath(new URL(`./entries/${entry}`, import.meta.url))],
    absWorkingDir: fileURLToPath(new URL('../..', import.meta.url)),
    bundle: true,
    write: false,
    metafile: true,
    target: 'es2022',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error(`esbuild produced no output for ${target}`);
  return { code: output.text, inputs: Object.keys(result.metafile.inputs) };
}
