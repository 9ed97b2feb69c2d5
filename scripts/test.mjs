#!/usr/bin/env node
/**
 * `pnpm test`: every check of the repository, then a closing summary that a reader sees
 * without scrolling: each step's result, the test counts summed over every vitest run, and
 * every skipped test and skip notice, by package.
 *
 * Steps: `turbo run build typecheck test publint`, `biome check .`, `scripts/check-changesets.mjs`.
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

const root = fileURLToPath(new URL('..', import.meta.url));
const ci = /^(1|true)$/i.test(process.env.CI ?? '');
const env = { ...process.env, PATH: [join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter) };
// Keep colours on a terminal although the children write to a pipe.
if (process.stdout.isTTY && !('FORCE_COLOR' in env) && !('NO_COLOR' in env)) env.FORCE_COLOR = '1';

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
];
const results = [];
for (const [name, command, args] of steps) results.push({ name, ...(await step(command, args)) });

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character starts every ANSI colour code
const plain = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');
const lines = plain(results[0].output).split(/\r?\n/);

/** Turbo prefixes each task's line with `package:task: `; returns [package, rest of the line]. */
const split = (line) => {
  const match = /^(\S+?):(?:test|build|typecheck|publint): (.*)$/.exec(line);
  return match ? [match[1], match[2]] : [undefined, line];
};

const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
const skippedBy = new Map();
const notices = new Set();
for (const line of lines) {
  const [pack, text] = split(line);
  const counts = /^\s*Tests\s{2,}(.*)$/.exec(text);
  if (counts) {
    for (const [, number, kind] of counts[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) {
      totals[kind] += Number(number);
      if (kind === 'skipped' || kind === 'todo') skippedBy.set(pack, (skippedBy.get(pack) ?? 0) + Number(number));
    }
  }
  if (/\bSKIPPED\b/.test(text)) {
    const notice = text.replace(/^[\s!]+/, '').trim();
    if (notice) notices.add(pack ? `${pack}: ${notice}` : notice);
  }
}
const replayed = lines.some((line) => /cache hit, replaying logs/.test(line));

const out = [];
out.push('', '─'.repeat(72), 'Summary');
for (const { name, code } of results) out.push(`  ${code === 0 ? 'ok    ' : 'FAILED'}  ${name}`);
out.push(
  `  tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped` +
    (totals.todo ? `, ${totals.todo} todo` : ''),
);
const skipCount = [...skippedBy.values()].reduce((sum, count) => sum + count, 0);
if (skipCount > 0 || notices.size > 0) {
  out.push('', `  Skipped (${skipCount} test(s)):`);
  for (const [pack, count] of skippedBy)
    if (count > 0) out.push(`    ${pack ?? '(unknown package)'}: ${count} skipped`);
  for (const notice of notices) out.push(`    ${notice}`);
  if (replayed) out.push("    (some results were replayed from turbo's cache: `pnpm test --force` reruns them)");
  if (ci) out.push('', '  CI=true: a skipped check fails the run; install what is missing (see .ci/run).');
} else {
  out.push('  nothing skipped');
}
const failed = results.some(({ code }) => code !== 0) || (ci && (skipCount > 0 || notices.size > 0));
out.push('─'.repeat(72), failed ? 'FAILED' : 'ok');
console.log(out.join('\n'));
process.exitCode = failed ? 1 : 0;
