#!/usr/bin/env node
/**
 * `pnpm docs:check`, a step of the test command: TypeDoc over each published library package
 * (its `typedoc.json`), writing nothing, with warnings as errors, so that it fails on an exported
 * symbol without documentation or a `{@link}` that resolves to nothing (typedoc.package.json).
 *
 * Each package runs on its own: with `entryPointStrategy: packages`, which `pnpm docs` uses to
 * build the site, TypeDoc 0.28 does not report broken links. Two run at a time (two cores).
 * @module
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const typedoc = join(root, 'node_modules', 'typedoc', 'bin', 'typedoc');
const packages = ['token', 'rest', 'opentok', 'emulator'];

/** Runs TypeDoc in one package; resolves to its exit code and output. */
function check(name) {
  return new Promise((resolve) => {
    const args = [typedoc, '--entryPointStrategy', 'resolve', '--treatWarningsAsErrors', '--emit', 'none'];
    const child = spawn(process.execPath, args, {
      cwd: join(root, 'packages', name),
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ name, code: 127, output: error.message }));
    child.on('close', (code) => resolve({ name, code: code ?? 1, output }));
  });
}

const results = [];
const queue = [...packages];
await Promise.all(
  [0, 1].map(async () => {
    while (queue.length > 0) results.push(await check(queue.shift()));
  }),
);
const failed = results.filter(({ code }) => code !== 0);
for (const { name, output } of failed) {
  const problems = output
    .split('\n')
    .filter((line) => /\[(warning|error)\]/.test(line) && !/Found \d+ errors/.test(line));
  console.error(`API reference: packages/${name}:\n  ${problems.join('\n  ') || output.trim()}`);
}
if (failed.length > 0) process.exit(1);
console.log(`API reference: every export of ${packages.length} packages documented, every {@link} resolved`);
