/**
 * The built package as Node loads it: the ESM and the CommonJS builds (ky bundled into the
 * latter) both talk to the emulator, and `@opentok/rest/node` throws the very error classes
 * that `@opentok/rest` exports.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { startEmulator } from '@opentok/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

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
