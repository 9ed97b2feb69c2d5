/**
 * Every JavaScript snippet of the README runs as written against the built package: each is
 * saved as a module in a throwaway project whose `node_modules/@opentok/token` is this
 * package, and run by Node with the environment the README assumes. A line
 * `console.log(...); // text` must print `text`; the Worker snippet answers a request.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeBuild, packageFolder } from './runtime/reference.js';

const credentials = { apiKey: '4567890', apiSecret: 'secret of the README test' };
const readme = await readFile(join(packageFolder, 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');

let project: string;
beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'opentok-token-readme-'));
  await mkdir(join(project, 'node_modules', '@opentok'), { recursive: true });
  await symlink(packageFolder, join(project, 'node_modules', '@opentok', 'token'), 'dir');
  await writeFile(join(project, 'package.json'), JSON.stringify({ type: 'module', private: true }));
});
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

async function node(file: string): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [file], {
    cwd: project,
    timeout: 30_000,
    env: {
      PATH: process.env.PATH ?? '',
      OPENTOK_API_KEY: credentials.apiKey,
      OPENTOK_API_SECRET: credentials.apiSecret,
    },
  });
  return stdout;
}

describe('README snippets', () => {
  it('has the snippets this test expects', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(5);
    expect(snippets.filter((snippet) => snippet.includes('export default'))).toHaveLength(1);
  });

  it.each(snippets.map((snippet, index) => [index + 1, snippet] as const))(
    'snippet %i runs as written',
    async (index, snippet) => {
      const file = `snippet-${index}.mjs`;
      await writeFile(join(project, file), snippet);
      if (snippet.includes('export default')) {
        // A module worker: the runtime calls its fetch handler with the request and the bindings.
        const driver = `snippet-${index}-driver.mjs`;
        const sessionId = nodeBuild.encodeSessionId({ apiKey: credentials.apiKey });
        await writeFile(
          join(project, driver),
          `import worker from './${file}';
const env = { OPENTOK_API_KEY: process.env.OPENTOK_API_KEY, OPENTOK_API_SECRET: process.env.OPENTOK_API_SECRET };
for (let i = 0; i < 2; i++) {
  const response = await worker.fetch(new Request('https://worker.example/token?session=${sessionId}'), env);
  console.log(JSON.stringify({ status: response.status, body: await response.json() }));
}`,
        );
        const answers = (await node(driver))
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line));
        expect(answers).toHaveLength(2);
        for (const { status, body } of answers) {
          expect(status).toBe(200);
          expect(nodeBuild.verifyToken(body.token, credentials)).toMatchObject({ role: 'subscriber', sessionId });
        }
        return;
      }
      const expected = [...snippet.matchAll(/^\s*console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
      expect(expected.length).toBeGreaterThan(0);
      expect((await node(file)).trim().split('\n')).toEqual(expected);
    },
  );
});
