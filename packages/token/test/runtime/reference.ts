/**
 * The Node side of every comparison: the built package loaded by plain Node (not through
 * vitest's resolver), and the probe's report from a real Node ESM process.
 */
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type * as Token from '../../src/index.js';
import { bundleProbe, type Target } from './bundle.js';
import type { ProbeReport } from './probe.js';

/** The package folder: Node resolves `@opentok/token` from here through its `exports`. */
export const packageFolder = fileURLToPath(new URL('../..', import.meta.url));

/** The node build as `require('@opentok/token')` returns it to Node itself. */
export const nodeBuild = createRequire(`${packageFolder}/package.json`)('@opentok/token') as typeof Token;

/** What a Node probe process prints. */
export interface NodeRun {
  resolved: string;
  loaded?: string[];
  report: ProbeReport;
}

/** Runs the probe in a fresh Node process, ESM or CJS, with `foreign` vectors to verify. */
export async function runNodeProbe(target: Extract<Target, `node-${string}`>, foreign: string[]): Promise<NodeRun> {
  const { code } = await bundleProbe(target);
  const flags = target === 'node-module' ? ['--input-type=module'] : [];
  const { stdout } = await promisify(execFile)(process.execPath, [...flags, '-e', code], {
    cwd: packageFolder,
    env: { ...process.env, NODE_OPTIONS: '', PROBE_FOREIGN: JSON.stringify(foreign) },
  });
  return JSON.parse(stdout) as NodeRun;
}

let reference: Promise<NodeRun> | undefined;

/** The node build's own report in a Node ESM process: the vectors every runtime must match. */
export function nodeReference(): Promise<NodeRun> {
  reference ??= runNodeProbe('node-module', []);
  return reference;
}
