/**
 * Every `js` snippet of the README runs as written, against the built package (imported by
 * its name, as a user would) and an emulator the snippet starts itself.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => ({
  code: match[1]!,
  line: readme.slice(0, match.index).split('\n').length + 1,
}));
// Inside the package, so that `@opentok/rest` (itself) and its dev dependencies resolve; files
// the snippets write land in a folder of their own.
const idleCheck = `setImmediate(() => {
  const timers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout');
  if (timers.length > 0) console.error('still waiting after the last line on', timers.length, 'timer(s)');
});`;
const folder = mkdtempSync(join(root, 'test', '.readme-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the README', () => {
  it('has runnable snippets', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(2);
  });
  for (const { code, line } of snippets) {
    it(`runs the snippet of line ${line} as written`, async () => {
      const file = join(folder, `snippet-${line}.mjs`);
      // After the last line, no timer may keep the process waiting (a reader would see it hang).
      writeFileSync(file, `${code}\n${idleCheck}`);
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [file], {
        cwd: folder,
        timeout: 60_000,
        env: { ...process.env, OPENTOK_API_URL: '' },
      });
      expect(stdout.length).toBeGreaterThan(0);
      expect(stderr).not.toContain('still waiting after the last line');
    });
  }
});
