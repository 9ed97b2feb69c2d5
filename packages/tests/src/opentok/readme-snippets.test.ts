/**
 * Every JavaScript and TypeScript snippet of the `opentok` README and of the repository's
 * README, run as written: each in its
 * own `node` process against a fresh emulator of its own, whose project and URL are in
 * `OPENTOK_API_KEY`, `OPENTOK_API_SECRET` and `OPENTOK_API_URL` (what a reader pastes from the
 * emulator's start line): a newcomer pastes one snippet into an empty project, so no snippet
 * may rely on what another made. TypeScript is stripped of its types by the compiler first.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '@opentok/emulator';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';

const readmes = [
  ['the opentok README', fileURLToPath(new URL('../../../opentok/README.md', import.meta.url))],
  ['the repository README', fileURLToPath(new URL('../../../../README.md', import.meta.url))],
] as const;
// Inside this package's node_modules, so that the snippets resolve `opentok` and
// `@opentok/emulator` as an installed app would, and git never sees the files.
const cache = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

interface Snippet {
  language: 'js' | 'ts';
  code: string;
  line: number;
}

/** The fenced js/ts blocks of a Markdown text, with the line each starts on. */
function snippetsOf(markdown: string): Snippet[] {
  const snippets: Snippet[] = [];
  for (const match of markdown.matchAll(/^```(js|ts|javascript|typescript)\n([\s\S]*?)^```$/gm)) {
    const language = match[1]!.startsWith('t') ? 'ts' : 'js';
    const line = markdown.slice(0, match.index).split('\n').length;
    snippets.push({ language, code: match[2]!, line });
  }
  return snippets;
}

/** The file a snippet runs as: CommonJS when it calls require() and imports nothing, else ESM. */
function toFile({ language, code }: Snippet): { name: string; source: string } {
  const commonjs = /\brequire\(/.test(code) && !/^import\s/m.test(code);
  const source =
    language === 'ts'
      ? ts.transpileModule(code, {
          compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        }).outputText
      : code;
  return { name: commonjs ? 'snippet.cjs' : 'snippet.mjs', source };
}

function run(file: string, cwd: string, env: NodeJS.ProcessEnv) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(process.execPath, [file], { cwd, env, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

let folder: string;
const snippets = new Map<string, Snippet[]>();
for (const [name, path] of readmes) snippets.set(name, snippetsOf(await readFile(path, 'utf8')));

beforeAll(async () => {
  await mkdir(cache, { recursive: true });
  folder = await mkdtemp(join(cache, 'readme-snippets-'));
});

afterAll(async () => {
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('snippetsOf', () => {
  it('finds js and ts blocks and nothing else', () => {
    const found = snippetsOf('a\n```sh\nnpm i\n```\n```js\nconsole.log(1);\n```\n\n```ts\nconst a: number = 1;\n```\n');
    expect(found).toEqual([
      { language: 'js', code: 'console.log(1);\n', line: 5 },
      { language: 'ts', code: 'const a: number = 1;\n', line: 9 },
    ]);
  });
});

describe.each(readmes.map(([name]) => [name]))('%s', (name) => {
  const found = snippets.get(name)!;

  it('has snippets to run', () => {
    expect(found.length).toBeGreaterThanOrEqual(2);
  });

  it.each(found.map((snippet) => [snippet.line, snippet] as const))(
    'runs the snippet of line %i as written, on a fresh emulator',
    { timeout: 90_000 },
    async (_line, snippet) => {
      const emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
      onTestFinished(() => emulator.close());
      const [project] = emulator.projects;
      const { name: file, source } = toFile(snippet);
      const directory = await mkdtemp(join(folder, 'run-'));
      await writeFile(join(directory, file), source);
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        OPENTOK_API_URL: emulator.url,
        OPENTOK_API_KEY: project!.apiKey,
        OPENTOK_API_SECRET: project!.apiSecret,
      };
      const result = await run(join(directory, file), directory, env);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      // Each snippet prints what it made: silence would mean a callback that never ran.
      expect(result.stdout.trim()).not.toBe('');
      expect(result.stdout).not.toContain(project!.apiSecret);
    },
  );
});
