#!/usr/bin/env node
/**
 * `pnpm test`: every check of the repository, then a closing summary that a reader sees
 * without scrolling: each step's result, the test counts summed over every vitest run, and
 * every skipped test and skip notice, by package.
 *
 * Steps: `turbo run build typecheck test publint`, `biome check .`, `scripts/check-changesets.mjs`,
 * `scripts/docs-check.mjs` (TSDoc on every export, no broken `{@link}`) and
 * `scripts/release-check.mjs` (a release rehearsed in a scratch copy).
 * Arguments go to turbo (`pnpm test --force`, `pnpm test --filter=opentok...`).
 * Each runs even when an earlier one failed, so one run reports everything.
 *
 * Skips: a test file that cannot run a check where a tool is missing (Chromium, ffprobe, …)
 * prints a line containing the word `SKIPPED` in capitals, saying what did not run and how to
 * install what is missing. Those lines, and vitest's own `N skipped` counts, are repeated in
 * the summary. With `CI=true` any skip fails the run: CI installs every tool (`.ci/run`).
 * @module
 */
import { spawn } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stepEnvironment } from './test-env.mjs';
import { summarize } from './test-summary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ci = /^(1|true)$/i.test(process.env.CI ?? '');
// Colours on a terminal only (NO_COLOR=1 into a file or pipe), and no turbo telemetry notice.
const env = stepEnvironment(
  { ...process.env, PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter) },
  Boolean(process.stdout.isTTY),
);

/**
 * Runs one step, copying its output through as it comes, and returns its exit code and output.
 * @param {string} command
 * @param {string[]} args
 */
function step(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['inherit', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      output += chunk;
    });
    child.on('error', (error) => resolve({ code: 127, output: `${output}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

const steps = [
  [
    'build, typecheck, tests, publint',
    'turbo',
    ['run', 'build', 'typecheck', 'test', 'publint', '--concurrency=2', ...process.argv.slice(2)],
  ],
  ['biome', 'biome', ['check', '.']],
  ['changesets', process.execPath, [join(root, 'scripts', 'check-changesets.mjs')]],
  ['API reference', process.execPath, [join(root, 'scripts', 'docs-check.mjs')]],
  ['release check', process.execPath, [join(root, 'scripts', 'release-check.mjs')]],
];
const results = [];
for (const [name, command, args] of steps) results.push({ name, ...(await step(command, args)) });

const { text, failed } = summarize(results, { ci });
console.log(text);
process.exitCode = failed ? 1 : 0;
