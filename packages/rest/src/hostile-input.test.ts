/**
 * What a careless user or an attacker passes: a secret in the wrong option, IDs that would
 * leave their resource, misspelt options. Each is refused with `InvalidArgumentError`,
 * without quoting the value and before any request goes out.
 */
import { InvalidArgumentError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { type ClientOptions, createClient } from './client.js';

const SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
const SESSION = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-UTltY1hHMVFyTjNUSVl1OHkrcHB4L2dzfn5-';

/** A client whose `fetch` only counts: every case below must fail before calling it. */
function countingClient(extra: Partial<ClientOptions> = {}) {
  const calls: string[] = [];
  const client = createClient({
    apiKey: '123456',
    apiSecret: SECRET,
    apiUrl: 'http://127.0.0.1:9',
    retry: 0,
    fetch: async (url) => {
      calls.push(url);
      throw new Error('no request should go out');
    },
    ...extra,
  });
  return { client, calls };
}

async function caught(run: () => unknown): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** No run of 6 characters of the secret shows anywhere in the error. */
function expectNoFragment(error: unknown) {
  const shown = `${String(error)} ${(error as Error).message} ${JSON.stringify(error)}`;
  for (let at = 0; at + 6 <= SECRET.length; at++) expect(shown).not.toContain(SECRET.slice(at, at + 6));
}

describe('a secret passed to the wrong option', () => {
  const base = { apiKey: '123456', apiSecret: SECRET };
  const clientOptions: [string, Record<string, unknown>][] = [
    ['apiKey', { apiKey: SECRET }],
    ['apiUrl', { apiUrl: SECRET }],
    ['timeout', { timeout: SECRET }],
    ['retry', { retry: SECRET }],
    ['retry.limit', { retry: { limit: SECRET } }],
    ['retry.baseDelay', { retry: { baseDelay: SECRET } }],
    ['retry.maxDelay', { retry: { maxDelay: SECRET } }],
    ['retry.maxRetryAfter', { retry: { maxRetryAfter: SECRET } }],
    ['hooks', { hooks: SECRET }],
    ['hooks.beforeRequest', { hooks: { beforeRequest: SECRET } }],
    ['fetch', { fetch: SECRET }],
    ['userAgent', { userAgent: `${SECRET}\n` }],
  ];
  for (const [argument, options] of clientOptions) {
    it(`createClient({ ${argument} }) says what it got by type and length only`, async () => {
      const error = await caught(() => createClient({ ...base, ...options } as never));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expectNoFragment(error);
    });
  }

  const { client, calls } = countingClient();
  const calls_: [string, () => unknown][] = [
    ['createSession location', () => client.createSession({ location: SECRET })],
    ['createSession mediaMode', () => client.createSession({ mediaMode: SECRET as never })],
    ['createSession archiveMode', () => client.createSession({ archiveMode: SECRET as never })],
    ['createSession e2ee', () => client.createSession({ e2ee: SECRET as never })],
    ['createSession p2p', () => client.createSession({ p2p: SECRET as never })],
    ['createSession archiveResolution', () => client.createSession({ archiveResolution: SECRET as never })],
    ['createSession options', () => client.createSession(SECRET as never)],
    ['archives.start resolution', () => client.archives.start(SESSION, { resolution: SECRET as never })],
    ['archives.start outputMode', () => client.archives.start(SESSION, { outputMode: SECRET as never })],
    ['archives.start streamMode', () => client.archives.start(SESSION, { streamMode: SECRET as never })],
    ['archives.start hasAudio', () => client.archives.start(SESSION, { hasAudio: SECRET as never })],
    ['archives.start maxBitrate', () => client.archives.start(SESSION, { maxBitrate: SECRET as never })],
    ['archives.start name', () => client.archives.start(SESSION, { name: SECRET.repeat(10) })],
    ['archives.start layout', () => client.archives.start(SESSION, { layout: SECRET as never })],
    ['archives.start layout.type', () => client.archives.start(SESSION, { layout: { type: SECRET as never } })],
    ['archives.start sessionId', () => client.archives.start(`${SECRET}\n`)],
    ['archives.list count', () => client.archives.list({ count: SECRET as never })],
    ['archives.list offset', () => client.archives.list({ offset: SECRET as never })],
    ['archives.all pageSize', () => client.archives.all({ pageSize: SECRET as never }).next()],
    ['archives.get', () => client.archives.get(`${SECRET}/x`)],
    ['archives.setLayout', () => client.archives.setLayout('a', { type: SECRET as never })],
    ['archives.addStream', () => client.archives.addStream('a', 's', { hasVideo: SECRET as never })],
    ['getArchiveManifest token', () => client.getArchiveManifest('a', { token: `${SECRET}\n` })],
    ['broadcasts.start outputs', () => client.broadcasts.start(SESSION, { outputs: SECRET as never })],
    ['broadcasts.start outputs.hls', () => client.broadcasts.start(SESSION, { outputs: { hls: SECRET as never } })],
    [
      'broadcasts.start rtmp serverUrl',
      () => client.broadcasts.start(SESSION, { outputs: { rtmp: [{ serverUrl: SECRET, streamName: 'k' }] } }),
    ],
    ['broadcasts.start rtmp', () => client.broadcasts.start(SESSION, { outputs: { rtmp: SECRET as never } })],
    [
      'broadcasts.start resolution',
      () => client.broadcasts.start(SESSION, { outputs: { hls: {} }, resolution: SECRET as never }),
    ],
    [
      'broadcasts.start maxDuration',
      () => client.broadcasts.start(SESSION, { outputs: { hls: {} }, maxDuration: SECRET as never }),
    ],
    ['broadcasts.list count', () => client.broadcasts.list({ count: SECRET as never })],
    ['callOptions.signal', () => client.archives.get('a', { signal: SECRET as never })],
    ['callOptions', () => client.archives.get('a', SECRET as never)],
  ];
  for (const [name, run] of calls_) {
    it(`${name} is refused without quoting the value`, async () => {
      const error = await caught(run);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expectNoFragment(error);
      expect(calls).toEqual([]);
    });
  }
});

describe('IDs that would leave their resource', () => {
  const cases: [string, (client: ReturnType<typeof countingClient>['client']) => unknown, string][] = [
    ["archives.delete('..')", (client) => client.archives.delete('..'), 'archiveId'],
    ["archives.stop('..')", (client) => client.archives.stop('..'), 'archiveId'],
    ["archives.get('.')", (client) => client.archives.get('.'), 'archiveId'],
    ["archives.get('a/b')", (client) => client.archives.get('a/b'), 'archiveId'],
    ["archives.get('')", (client) => client.archives.get(''), 'archiveId'],
    ["archives.setLayout('..')", (client) => client.archives.setLayout('..', { type: 'bestFit' }), 'archiveId'],
    ["archives.addStream('../x')", (client) => client.archives.addStream('../x', 's'), 'archiveId'],
    ["archives.removeStream('..')", (client) => client.archives.removeStream('..', 's'), 'archiveId'],
    ["getArchiveDownloadUrl('..', '..')", (client) => client.getArchiveDownloadUrl('..', '..'), 'archiveId'],
    ["getArchiveDownloadUrl('a', '..')", (client) => client.getArchiveDownloadUrl('a', '..'), 'videoId'],
    ["getArchiveManifest('..')", (client) => client.getArchiveManifest('..'), 'archiveId'],
    ['a lone surrogate', (client) => client.archives.get('\ud800'), 'archiveId'],
    ['a lone low surrogate', (client) => client.getArchiveDownloadUrl('a', 'b\udc00'), 'videoId'],
  ];
  for (const [name, run, argument] of cases) {
    it(`${name} throws InvalidArgumentError naming ${argument}, sending nothing`, async () => {
      const { client, calls } = countingClient();
      const error = await caught(() => run(client));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).not.toBeInstanceOf(URIError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      expect(calls).toEqual([]);
    });
  }
});

describe('misspelt options', () => {
  it('createClient({ apiURL }) names the key and suggests apiUrl', async () => {
    const error = await caught(() =>
      createClient({ apiKey: '1', apiSecret: SECRET, apiURL: 'http://127.0.0.1:1' } as never),
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).argument).toBe('apiURL');
    expect((error as Error).message).toContain("did you mean 'apiUrl'?");
  });

  const { client } = countingClient();
  const cases: [string, () => unknown, string, string | undefined][] = [
    [
      'retry',
      () => createClient({ apiKey: '1', apiSecret: SECRET, retry: { limt: 1 } as never }),
      'retry.limt',
      'limit',
    ],
    [
      'hooks',
      () => createClient({ apiKey: '1', apiSecret: SECRET, hooks: { beforeRequests: [] } as never }),
      'hooks.beforeRequests',
      'beforeRequest',
    ],
    ['createSession', () => client.createSession({ mediamode: 'routed' } as never), 'mediamode', 'mediaMode'],
    [
      'archives.start',
      () => client.archives.start(SESSION, { outputmode: 'individual' } as never),
      'outputmode',
      'outputMode',
    ],
    [
      'layout',
      () => client.archives.setLayout('a', { type: 'custom', styleSheet: 'x' } as never),
      'layout.styleSheet',
      'stylesheet',
    ],
    ['archives.list', () => client.archives.list({ sessionID: SESSION } as never), 'sessionID', 'sessionId'],
    ['archives.all', () => client.archives.all({ pagesize: 5 } as never).next(), 'pagesize', 'pageSize'],
    ['archives.addStream', () => client.archives.addStream('a', 's', { audio: true } as never), 'audio', 'hasAudio'],
    ['getArchiveManifest', () => client.getArchiveManifest('a', { tokn: 'x' } as never), 'tokn', 'token'],
    ['createClient', () => createClient({ apiKey: '1', apiSecret: SECRET, banana: 1 } as never), 'banana', undefined],
  ];
  for (const [name, run, argument, nearest] of cases) {
    it(`${name} refuses ${argument}${nearest ? `, suggesting ${nearest}` : ''}`, async () => {
      const error = await caught(run);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe(argument);
      if (nearest) expect((error as Error).message).toContain(`did you mean '${nearest}'?`);
      else expect((error as Error).message).not.toContain('did you mean');
    });
  }

  it('ignores an unknown key whose value is undefined', () => {
    expect(() => createClient({ apiKey: '1', apiSecret: SECRET, apiURL: undefined } as never)).not.toThrow();
  });
});
