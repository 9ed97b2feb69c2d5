/**
 * The built package as Node loads it: the ESM and the CommonJS builds (ky bundled into the
 * latter) both talk to the emulator, and `@opentok/rest/node` throws the very error classes
 * that `@opentok/rest` exports.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATIONS } from '../src/operations.js';

const API_KEY = '3456789';
const API_SECRET = 'beadbeadbeadbeadbeadbeadbeadbeadbeadbead';
const require = createRequire(import.meta.url);

type Rest = typeof import('../src/index.js');
type RestNode = typeof import('../src/node.js');

let emulator: Awaited<ReturnType<typeof startEmulator>>;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
});
afterAll(async () => {
  await emulator?.close();
});

const builds: [string, () => Promise<[Rest, RestNode]>][] = [
  [
    'ESM',
    async () => [
      (await import('../dist/index.js' as string)) as Rest,
      (await import('../dist/node.js' as string)) as RestNode,
    ],
  ],
  ['CommonJS', async () => [require('../dist/index.cjs') as Rest, require('../dist/node.cjs') as RestNode]],
];

describe.each(builds)('the %s build', (_name, load) => {
  it('creates a session and maps a 404 to NotFoundError', async () => {
    const [rest] = await load();
    const client = rest.createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url });
    const session = await client.createSession({ mediaMode: 'routed' });
    expect(session.sessionId).toMatch(/^1_MX4/);
    const error = await client.archives.get('00000000-0000-4000-8000-000000000000').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(rest.NotFoundError);
    expect(error).toBeInstanceOf(rest.OpenTokError);
    expect(rest.VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('loads the XML parser on demand and reads the XML session answer', async () => {
    const [rest] = await load();
    let contentType: string | null = null;
    const client = rest.createClient({
      apiKey: API_KEY,
      apiSecret: API_SECRET,
      apiUrl: emulator.url,
      hooks: {
        beforeRequest: [(request) => request.headers.set('accept', 'text/xml')],
        afterResponse: [(_request, response) => void (contentType = response.headers.get('content-type'))],
      },
    });
    const session = await client.createSession({ mediaMode: 'routed' });
    expect(contentType).toMatch(/xml/);
    expect(session.sessionId).toMatch(/^1_MX4/);
  });

  it('shares error classes between the two entries', async () => {
    const [rest, node] = await load();
    const error = await node
      .downloadArchive(`${emulator.url}/_emulator/media/none/archive.mp4`, new (require('node:stream').PassThrough)())
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(rest.RequestError);
    expect((error as { status?: number }).status).toBeGreaterThanOrEqual(400);
  });
});

describe('the lazy XML chunk', () => {
  const dist = new URL('../dist/', import.meta.url);
  const files = readdirSync(dist);

  it('is a file of its own in both builds, which the entries do not import up front', () => {
    for (const extension of ['.js', '.cjs']) {
      const chunk = files.find((file) => file.startsWith('xml-parser-') && file.endsWith(extension));
      expect(chunk).toBeDefined();
      expect(readFileSync(new URL(chunk!, dist), 'utf8')).toContain('fast-xml-parser');
      for (const file of files.filter((name) => name.endsWith(extension) && name !== chunk)) {
        expect(readFileSync(new URL(file, dist), 'utf8')).not.toMatch(
          /from ['"]fast-xml-parser|require\(['"]fast-xml-parser/,
        );
      }
    }
  });

  it('is required, not imported, by the CommonJS build (CommonJS in a vm context cannot import())', () => {
    for (const file of files.filter((name) => name.endsWith('.cjs'))) {
      expect(readFileSync(new URL(file, dist), 'utf8')).not.toMatch(/\bimport\(/);
    }
  });
});

describe('import cost', () => {
  // ky probes `Request` and `ReadableStream` when evaluated, and touching those globals makes Node
  // load its fetch implementation (undici): most of the package's import time. ky is loaded on
  // the first request instead.
  // Asynchronous: the emulator runs in this process and must keep answering.
  const probe = async (code: string, type: 'commonjs' | 'module') => {
    const { stdout } = await promisify(execFile)(process.execPath, [`--input-type=${type}`, '-e', code], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    return stdout;
  };
  const loadsUndici = "console.log(JSON.stringify(process.moduleLoadList.some((name) => name.includes('undici'))))";

  it('importing either build neither evaluates ky nor makes Node load undici', async () => {
    const common = await probe(`require('./dist/index.cjs'); require('./dist/node.cjs'); ${loadsUndici}`, 'commonjs');
    expect(common.trim()).toBe('false');
    const module = await probe(
      `await import('./dist/index.js'); await import('./dist/node.js'); ${loadsUndici}`,
      'module',
    );
    expect(module.trim()).toBe('false');
  });

  it('the first request loads ky, and the call works', async () => {
    const output = await probe(
      `const { createClient } = require('./dist/index.cjs');
       createClient({ apiKey: '${API_KEY}', apiSecret: '${API_SECRET}', apiUrl: '${emulator.url}' })
         .archives.list().then((page) => console.log(JSON.stringify(page.count)), (error) => console.log(String(error)));`,
      'commonjs',
    );
    expect(output.trim()).toBe('0');
  });

  it('the CommonJS door loads the client on first use, and offers the names and objects of the ESM build', async () => {
    const loaded = "Object.keys(require.cache).some((file) => file.endsWith('api.cjs'))";
    const output = await probe(
      `const rest = require('./dist/index.cjs');
       const before = ${loaded};
       const keys = Object.keys(rest).sort();
       const operations = rest.OPERATIONS.length;
       const after = ${loaded};
       const api = require('./dist/api.cjs');
       const same = Object.keys(api).every((key) => api[key] === rest[key] || ['createClient', 'parseCallback', 'coreOf'].includes(key));
       import('./dist/index.js').then((esm) => console.log(JSON.stringify({ before, after, operations, same,
         names: JSON.stringify(keys) === JSON.stringify(Object.keys(esm).sort()) })));`,
      'commonjs',
    );
    expect(JSON.parse(output)).toEqual({
      before: false,
      after: true,
      operations: OPERATIONS.length,
      same: true,
      names: true,
    });
  });
});
