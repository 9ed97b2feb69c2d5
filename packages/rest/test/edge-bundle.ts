/**
 * The built package bundled as an edge platform bundles it: esbuild with the edge export
 * conditions (`edge-light`, `worker`), neutral platform, one IIFE to evaluate in `EdgeVM`.
 * Shared by the edge runtime tests so that they all prove the same bundle.
 * @module
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const TEST_DIR = fileURLToPath(new URL('.', import.meta.url));

/**
 * Bundles a probe (a file under `test/`, or source text importing `@opentok/rest`) for the edge.
 * @returns the bundle's code and its inputs, relative to the package folder.
 */
export async function bundleForEdge(probe: { file: string } | { source: string }): Promise<{
  code: string;
  inputs: string[];
}> {
  const result = await build({
    ...('file' in probe
      ? { entryPoints: [join(TEST_DIR, probe.file)] }
      : { stdin: { contents: probe.source, resolveDir: TEST_DIR, loader: 'js' as const } }),
    absWorkingDir: fileURLToPath(new URL('..', import.meta.url)),
    bundle: true,
    write: false,
    metafile: true,
    platform: 'neutral',
    format: 'iife',
    conditions: ['edge-light', 'worker'],
    mainFields: ['module', 'main'],
    target: 'es2022',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return { code: output.text, inputs: Object.keys(result.metafile.inputs) };
}
