/**
 * Every `js` snippet of the README runs as written against the built package (`pnpm build`
 * first; turbo does it): each is written to a module inside the package, so that
 * `@opentok/emulator` resolves to this package's exports, and run with node.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const directory = mkdtempSync(join(fileURLToPath(new URL('.', import.meta.url)), '.readme-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

interface Snippet {
  line: number;
  language: string;
  code: string;
  /** The reason given by a `<!-- snippet: … -->` comment right above, for snippets not run. */
  skip: string | undefined;
}

function snippets(markdown: string): Snippet[] {
  const result: Snippet[] = [];
  const fence = /^( *)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (const match of markdown.matchAll(fence)) {
    const before = markdown.slice(0, match.index);
    const skip = /<!-- snippet: ([^>]*) -->\n$/.exec(before)?.[1];
    result.push({ line: before.split('\n').length, language: match[2] ?? '', code: match[3] ?? '', skip });
  }
  return result;
}

const all = snippets(README);
const runnable = all.filter(({ language, skip }) => language === 'js' && skip === undefined);

describe('the README', () => {
  it('has JavaScript snippets to run, and names why any is not run', () => {
    expect(runnable.length).toBeGreaterThanOrEqual(2);
    for (const { skip } of all) if (skip !== undefined) expect(skip.length).toBeGreaterThan(5);
  });

  it('never runs a bare `npx opentok-emulator` where the package may not be installed', () => {
    for (const { code, line } of all) {
      if (/npx opentok-emulator/.test(code)) {
        expect(code, `snippet at line ${line}`).toMatch(
          /npm i(nstall)? -D @opentok\/emulator\n[\s\S]*npx opentok-emulator/,
        );
      }
    }
  });

  it.each(runnable.map((snippet) => [snippet.line, snippet] as const))(
    'runs the js snippet at line %i as written',
    async (line, { code }) => {
      const file = join(directory, `snippet-${line}.mjs`);
      writeFileSync(file, code);
      const { stdout } = await promisify(execFile)(process.execPath, [file], { timeout: 15_000 });
      // Each snippet prints what it shows in its comments.
      for (const comment of code.matchAll(/console\.log\(.*\); \/\/ (.+)$/gm)) {
        const shown = comment[1] as string;
        if (/^[\w ]+$/.test(shown) && !/http|key/.test(shown)) expect(stdout).toContain(shown);
      }
      expect(stdout.length).toBeGreaterThan(0);
    },
  );
});
