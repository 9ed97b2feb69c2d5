/**
 * The built package in Bun and Deno, the two other runtimes the README names. Their binaries
 * come from the npm packages `@oven/bun-linux-x64` and `@deno/linux-x64-glibc` (dev
 * dependencies). Each runs the probe as an ES module in a throwaway project whose
 * `node_modules/@opentok/token` is this package, so the runtime resolves the name itself
 * through the `exports` map. Deno runs offline: `--no-remote`, no permissions, its cache in
 * the throwaway folder. A missing binary skips the run loudly, or fails it under `CI=true`.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAgreement } from './runtime/agreement.js';
import { bundleProbe } from './runtime/bundle.js';
import type { ProbeReport } from './runtime/probe.js';
import { nodeReference, packageFolder } from './runtime/reference.js';

const require = createRequire(`${packageFolder}/package.json`);

/** The binary inside an installed npm package, or `undefined` (with a loud note, or an error in CI). */
function binary(name: string, packageName: string, path: string): string | undefined {
  let file: string | undefined;
  try {
    file = join(dirname(require.resolve(`${packageName}/package.json`)), path);
  } catch {}
  if (file && existsSync(file)) return file;
  const note = `the ${name} tests of @opentok/token did not run: ${packageName} is not installed`;
  if (process.env.CI === 'true') throw new Error(`${note}, and CI=true forbids skipping them`);
  console.warn(`\n!!! SKIPPED: ${note}; \`pnpm install --frozen-lockfile\` installs it (a devDependency).\n`);
  return undefined;
}

const bun = binary('Bun', '@oven/bun-linux-x64', 'bin/bun');
const deno = binary('Deno', '@deno/linux-x64-glibc', 'deno');

let project: string;
let reference: Awaited<ReturnType<typeof nodeReference>>;

beforeAll(async () => {
  reference = await nodeReference();
  project = await mkdtemp(join(tmpdir(), 'opentok-token-runtimes-'));
  await mkdir(join(project, 'node_modules', '@opentok'), { recursive: true });
  await symlink(packageFolder, join(project, 'node_modules', '@opentok', 'token'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const { code } = await bundleProbe('server-runtime');
  const foreign = `globalThis.PROBE_FOREIGN = ${JSON.stringify(reference.report.vectors)};\n`;
  await writeFile(join(project, 'probe.mjs'), foreign + code);
}, 60_000);

afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

/** Runs the probe with `command` and checks what every server runtime must report. */
async function runProbe(command: string, args: string[], env: Record<string, string> = {}) {
  const { stdout } = await promisify(execFile)(command, [...args, 'probe.mjs'], {
    cwd: project,
    timeout: 60_000,
    env: { PATH: process.env.PATH ?? '', HOME: project, NO_COLOR: '1', ...env },
  });
  const { resolved, report } = JSON.parse(stdout) as { resolved: string; report: ProbeReport };
  // The node build, by the package's exports map, from this very folder.
  expect(resolved).toBe(`file://${packageFolder.replace(/\/$/, '')}/dist/node.js`);
  expect(report.runtime).toMatchObject({ hasBuffer: true, hasWindow: false, edgeRuntime: null });
  expectAgreement(report, reference.report);
  return report;
}

describe.skipIf(!bun)('Bun', () => {
  it('resolves the node build and signs, verifies and refuses as Node does', async () => {
    const report = await runProbe(bun ?? '', []);
    expect(report.runtime.userAgent).toMatch(/^Bun\/\d/);
  });
});

describe.skipIf(!deno)('Deno', () => {
  it('resolves the node build offline and signs, verifies and refuses as Node does', async () => {
    const report = await runProbe(
      deno ?? '',
      ['run', '--no-remote', '--no-prompt', '--no-lock', '--node-modules-dir=manual'],
      { DENO_DIR: join(project, '.deno'), DENO_NO_UPDATE_CHECK: '1' },
    );
    expect(report.runtime.userAgent).toMatch(/^Deno\/\d/);
  });
});
