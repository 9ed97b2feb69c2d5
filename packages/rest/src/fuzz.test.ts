/**
 * Fuzz: random strings, numbers, objects, bytes, symbols, functions and lone surrogates at
 * every public function and every option of the package, against the emulator. Whatever
 * happens, only the package's own errors come out (`InvalidArgumentError`, the
 * `RequestError` family), never a `TypeError`, `RangeError` or `URIError`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startEmulator } from '@opentok/emulator';
import { OpenTokError } from '@opentok/token';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient as createBaseClient } from './client.js';
import { createClient, downloadArchive, type NodeClient } from './node.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
const RUNS = 150;

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: NodeClient;
let folder: string;
beforeAll(async () => {
  emulator = await startEmulator({ projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }] });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
  folder = mkdtempSync(join(tmpdir(), 'opentok-rest-fuzz-'));
});
afterAll(async () => {
  await emulator?.close();
  rmSync(folder, { recursive: true, force: true });
});

const loneSurrogate = fc.constantFrom('\ud800', '\udfff', 'a\ud83d', '\ude00b', '..', '.', '/', '', '%00', '%2e%2e');
/** Anything at all, weighted towards what breaks code: odd strings and numbers, bytes, symbols, functions. */
const value: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withTypedArray: true,
    withNullPrototype: true,
  }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  loneSurrogate,
  fc.uint8Array({ maxLength: 16 }),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 2 ** 53, -1, 1e21, 0.5, Symbol('x'), [], [[]], true),
  fc.func(fc.anything()),
);

/** An options object with some of `keys`, each set to a random value, sometimes with a stray key. */
function optionsOf(keys: readonly string[]): fc.Arbitrary<unknown> {
  const known = fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: keys.length });
  return fc.oneof(
    known,
    value,
    fc
      .tuple(known, fc.string({ maxLength: 8 }), value)
      .map(([object, key, extra]) => ({ ...(object as object), [key]: extra })),
  );
}

async function expectOwnErrors(run: () => unknown): Promise<void> {
  try {
    const result = run();
    if (result && typeof (result as AsyncIterator<unknown>).next === 'function' && !(result instanceof Promise)) {
      await (result as AsyncIterator<unknown>).next();
    } else {
      await result;
    }
  } catch (error) {
    if (!OpenTokError.isInstance(error)) throw new Error(`a foreign error escaped: ${String(error)}`, { cause: error });
    expect(error).not.toBeInstanceOf(TypeError);
    expect(String(error)).not.toContain(API_SECRET);
  }
}

const sessionKeys = ['location', 'mediaMode', 'archiveMode', 'e2ee', 'p2p', 'archiveName', 'archiveResolution'];
const broadcastKeys = [
  'outputs',
  'layout',
  'maxDuration',
  'maxBitrate',
  'resolution',
  'streamMode',
  'multiBroadcastTag',
  'hasAudio',
  'hasVideo',
];
const startKeys = [
  'name',
  'hasAudio',
  'hasVideo',
  'outputMode',
  'resolution',
  'layout',
  'streamMode',
  'multiArchiveTag',
  'maxBitrate',
  'quantizationParameter',
];

describe('fuzz', () => {
  it('checks the generators: they produce lone surrogates, symbols, functions and bytes', () => {
    const samples = fc.sample(value, 2000);
    expect(samples.some((sample) => typeof sample === 'symbol')).toBe(true);
    expect(samples.some((sample) => typeof sample === 'function')).toBe(true);
    expect(samples.some((sample) => sample instanceof Uint8Array)).toBe(true);
    expect(
      samples.some((sample) => typeof sample === 'string' && /[\ud800-\udbff](?![\udc00-\udfff])/.test(sample)),
    ).toBe(true);
    expect(
      fc
        .sample(optionsOf(['a', 'b']), 200)
        .some((sample) => typeof sample === 'object' && sample !== null && 'a' in sample),
    ).toBe(true);
  });

  it('createClient with random options', async () => {
    const options = fc.oneof(
      value,
      fc.record(
        {
          apiKey: fc.oneof(fc.constant(API_KEY), value),
          apiSecret: fc.oneof(fc.constant(API_SECRET), value),
          // Only the emulator or something that is no URL: a fuzzer must not reach other hosts.
          apiUrl: fc.oneof(
            fc.constant(emulator.url),
            value.filter((item) => !(typeof item === 'string' && /^https?:/i.test(item.trim()))),
          ),
          timeout: value,
          retry: fc.oneof(value, optionsOf(['limit', 'baseDelay', 'maxDelay', 'maxRetryAfter'])),
          userAgent: value,
          hooks: fc.oneof(value, optionsOf(['beforeRequest', 'afterResponse', 'beforeRetry'])),
          fetch: value,
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(options, async (input) => {
        await expectOwnErrors(async () => {
          const made = createBaseClient(input as never);
          await made.archives.list({ count: 1 });
        });
      }),
      { numRuns: RUNS },
    );
  });

  const calls: [string, fc.Arbitrary<unknown[]>, (args: unknown[]) => unknown][] = [
    ['createSession', fc.tuple(optionsOf(sessionKeys)), ([options]) => client.createSession(options as never)],
    [
      'getArchiveManifest',
      fc.tuple(value, optionsOf(['token', 'sessionId'])),
      ([id, options]) => client.getArchiveManifest(id as never, options as never),
    ],
    [
      'getArchiveDownloadUrl',
      fc.tuple(value, value, optionsOf(['token', 'sessionId'])),
      ([id, video, options]) => client.getArchiveDownloadUrl(id as never, video as never, options as never),
    ],
    [
      'archives.start',
      fc.tuple(value, optionsOf(startKeys)),
      ([id, options]) => client.archives.start(id as never, options as never),
    ],
    ['archives.stop', fc.tuple(value), ([id]) => client.archives.stop(id as never)],
    ['archives.get', fc.tuple(value), ([id]) => client.archives.get(id as never)],
    ['archives.delete', fc.tuple(value), ([id]) => client.archives.delete(id as never)],
    [
      'archives.list',
      fc.tuple(optionsOf(['offset', 'count', 'sessionId'])),
      ([options]) => client.archives.list(options as never),
    ],
    [
      'archives.all',
      fc.tuple(optionsOf(['sessionId', 'pageSize'])),
      ([options]) => client.archives.all(options as never),
    ],
    [
      'archives.setLayout',
      fc.tuple(value, optionsOf(['type', 'stylesheet', 'screenshareType'])),
      ([id, layout]) => client.archives.setLayout(id as never, layout as never),
    ],
    [
      'archives.addStream',
      fc.tuple(value, value, optionsOf(['hasAudio', 'hasVideo'])),
      ([id, stream, options]) => client.archives.addStream(id as never, stream as never, options as never),
    ],
    [
      'archives.removeStream',
      fc.tuple(value, value),
      ([id, stream]) => client.archives.removeStream(id as never, stream as never),
    ],
    [
      'broadcasts.start',
      fc.tuple(value, fc.oneof(optionsOf(broadcastKeys), fc.record({ outputs: optionsOf(['hls', 'rtmp']) }))),
      ([id, options]) => client.broadcasts.start(id as never, options as never),
    ],
    ['broadcasts.stop', fc.tuple(value), ([id]) => client.broadcasts.stop(id as never)],
    ['broadcasts.get', fc.tuple(value, value), ([id, call]) => client.broadcasts.get(id as never, call as never)],
    [
      'broadcasts.list',
      fc.tuple(optionsOf(['offset', 'count', 'sessionId']), optionsOf(['signal'])),
      ([options, call]) => client.broadcasts.list(options as never, call as never),
    ],
    [
      'broadcasts.all',
      fc.tuple(optionsOf(['sessionId', 'pageSize'])),
      ([options]) => client.broadcasts.all(options as never),
    ],
    [
      'broadcasts.setLayout',
      fc.tuple(value, optionsOf(['type', 'stylesheet', 'screenshareType'])),
      ([id, layout]) => client.broadcasts.setLayout(id as never, layout as never),
    ],
    [
      'broadcasts.addStream',
      fc.tuple(value, value, optionsOf(['hasAudio', 'hasVideo'])),
      ([id, stream, options]) => client.broadcasts.addStream(id as never, stream as never, options as never),
    ],
    [
      'broadcasts.removeStream',
      fc.tuple(value, value),
      ([id, stream]) => client.broadcasts.removeStream(id as never, stream as never),
    ],
    [
      'sip.dial',
      fc.tuple(
        value,
        value,
        optionsOf(['uri', 'from', 'headers', 'auth', 'secure', 'video', 'observeForceMute', 'streams']),
      ),
      ([id, token, options]) => client.sip.dial(id as never, token as never, options as never),
    ],
    [
      'sip.playDtmf',
      fc.tuple(value, value, optionsOf(['connectionId'])),
      ([id, digits, options]) => client.sip.playDtmf(id as never, digits as never, options as never),
    ],
    [
      'renders.start',
      fc.tuple(
        optionsOf(['sessionId', 'token', 'url', 'maxDuration', 'resolution', 'properties', 'statusCallbackUrl']),
      ),
      ([options]) => client.renders.start(options as never),
    ],
    ['renders.get', fc.tuple(value), ([id]) => client.renders.get(id as never)],
    ['renders.stop', fc.tuple(value), ([id]) => client.renders.stop(id as never)],
    ['renders.list', fc.tuple(optionsOf(['offset', 'count'])), ([options]) => client.renders.list(options as never)],
    [
      'captions.start',
      fc.tuple(value, value, optionsOf(['languageCode', 'maxDuration', 'partialCaptions', 'statusCallbackUrl'])),
      ([id, token, options]) => client.captions.start(id as never, token as never, options as never),
    ],
    ['captions.get', fc.tuple(value), ([id]) => client.captions.get(id as never)],
    ['captions.stop', fc.tuple(value), ([id]) => client.captions.stop(id as never)],
    [
      'audioConnector.start',
      fc.tuple(value, value, optionsOf(['uri', 'streams', 'headers', 'audioRate', 'bidirectional', 'audioTransport'])),
      ([id, token, options]) => client.audioConnector.start(id as never, token as never, options as never),
    ],
    ['audioConnector.stop', fc.tuple(value), ([id]) => client.audioConnector.stop(id as never)],
    [
      'archives.download',
      fc.tuple(
        fc.oneof(
          value.filter((item) => !(typeof item === 'string' && /^https?:/i.test(item.trim()))),
          fc.record(
            {
              url: value.filter((item) => !(typeof item === 'string' && /^https?:/i.test(item.trim()))),
              status: value,
            },
            { requiredKeys: [] },
          ),
        ),
        fc.oneof(
          fc.constant(new PassThrough()),
          value.filter((item) => typeof item !== 'string'),
        ),
        optionsOf(['onProgress', 'timeout', 'signal']),
      ),
      ([archive, destination, options]) =>
        client.archives.download(archive as never, destination as never, options as never),
    ],
  ];
  for (const [name, args, call] of calls) {
    it(`${name} with random arguments`, async () => {
      await fc.assert(
        fc.asyncProperty(args, async (input) => {
          await expectOwnErrors(() => call(input));
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('downloadArchive with random URLs, destinations and options', async () => {
    const url = fc.oneof(
      { arbitrary: fc.constant(`${emulator.url}/_emulator/media/none/archive.mp4`), weight: 3 },
      { arbitrary: value.filter((item) => !(typeof item === 'string' && /^https?:/i.test(item.trim()))), weight: 1 },
    );
    // Paths only inside the test's folder: names without separators or dots.
    const destination = fc.oneof(
      fc.constant(new PassThrough()),
      value.filter((item) => typeof item !== 'string'),
      fc.string({ maxLength: 12 }).map((name) => join(folder, name.replace(/[/.\\\0]/g, '_') || 'file')),
    );
    await fc.assert(
      fc.asyncProperty(
        url,
        destination,
        fc.oneof(optionsOf(['onProgress', 'timeout', 'signal', 'fetch']), fc.record({ fetch: fc.func(value) })),
        async (...input) => {
          await expectOwnErrors(() => downloadArchive(...(input as [never, never, never])));
        },
      ),
      { numRuns: RUNS },
    );
  });
});
