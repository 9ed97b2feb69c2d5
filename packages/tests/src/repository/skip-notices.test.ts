/**
 * Every skip notice of the repository's tests (a line with `SKIPPED`, repeated in the test
 * command's summary) says how to install what is missing, on the line the summary shows.
 * @module
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

/** Test files of the workspace packages (not node_modules, not this file). */
function testFiles(): string[] {
  const found: string[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const path = join(directory, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.test\.[cm]?[jt]s$/.test(entry.name) && !path.endsWith('skip-notices.test.ts')) found.push(path);
    }
  };
  for (const folder of ['packages', 'examples']) walk(join(root, folder));
  return found;
}

/** The string literals on lines that print a `SKIPPED` notice, joined per statement. */
function notices(source: string): string[] {
  return [...source.matchAll(/console\.(?:warn|log|error)\(([\s\S]*?)\);/g)]
    .map((match) => match[1] ?? '')
    .filter((call) => /\bSKIPPED\b/.test(call));
}

describe('skip notices', () => {
  const files = testFiles().map((path) => [path.slice(root.length), readFileSync(path, 'utf8')] as const);

  it('are found', () => {
    expect(files.flatMap(([, source]) => notices(source)).length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.filter(([, source]) => notices(source).length > 0))(
    'in %s say how to install the tool',
    (_path, source) => {
      for (const notice of notices(source)) {
        // The summary repeats the line with SKIPPED: the install hint must be on it or the next.
        const lines = notice.split(/\\n|\n/);
        const at = lines.findIndex((line) => /\bSKIPPED\b/.test(line));
        expect(lines.slice(at, at + 3).join('\n')).toMatch(/install/i);
      }
    },
  );
});
