/**
 * The closing summary of `pnpm test` (scripts/test.mjs), apart so that a test can feed it output.
 * @module
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character starts every ANSI colour code
const plain = (text) => text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '');

/** Turbo prefixes each task's line with `package:task: `; returns [package, rest of the line]. */
const split = (line) => {
  const match = /^(\S+?):(?:test|build|typecheck|publint): (.*)$/.exec(line);
  return match ? [match[1], match[2]] : [undefined, line];
};

/**
 * Reads the steps' output and writes the summary: each step's result, the test counts summed
 * over every vitest run, each package's skipped tests and every `SKIPPED` notice.
 * @param {{ name: string, code: number, output: string }[]} results the steps, turbo's first
 * @param {{ ci?: boolean }} [options] with `ci`, a skip fails the run
 * @returns {{ text: string, failed: boolean, skipped: number, notices: string[] }}
 */
export function summarize(results, { ci = false } = {}) {
  const lines = plain(results[0]?.output ?? '').split(/\r?\n/);
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
  // Turbo's own closing lines name the tasks that failed: `Failed:    pkg#task`.
  const failedTasks = lines.flatMap((line) => /^\s*Failed:\s+(\S+#\S+)/.exec(line)?.slice(1) ?? []);

  const out = ['', '─'.repeat(72), 'Summary'];
  results.forEach(({ name, code }, index) => {
    out.push(`  ${code === 0 ? 'ok    ' : 'FAILED'}  ${name}`);
    if (index === 0 && failedTasks.length > 0) out.push(`          failed tasks: ${failedTasks.join(', ')}`);
  });
  out.push(
    `  tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped` +
      (totals.todo ? `, ${totals.todo} todo` : ''),
  );
  const skipped = [...skippedBy.values()].reduce((sum, count) => sum + count, 0);
  if (skipped > 0 || notices.size > 0) {
    out.push('', `  Skipped (${skipped} test(s)):`);
    for (const [pack, count] of skippedBy) {
      if (count > 0) out.push(`    ${pack ?? '(unknown package)'}: ${count} skipped`);
    }
    for (const notice of notices) out.push(`    ${notice}`);
    if (replayed) out.push("    (some results were replayed from turbo's cache: `pnpm test --force` reruns them)");
    if (ci) out.push('', '  CI=true: a skipped check fails the run; install what is missing (see .ci/run).');
  } else {
    out.push('  nothing skipped');
  }
  const failed = results.some(({ code }) => code !== 0) || (ci && (skipped > 0 || notices.size > 0));
  out.push('─'.repeat(72), failed ? 'FAILED' : 'ok');
  return { text: out.join('\n'), failed, skipped, notices: [...notices] };
}
