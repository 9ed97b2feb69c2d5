/**
 * The request each 2.x method of `opentok` sends (method, path with query, body, the headers
 * that matter) is the request the official `opentok` 2.23 sends for the same call. Both
 * clients talk to one recording `node:http` server that forwards to `@opentok/emulator`, so
 * each gets real answers; the same arguments (the same IDs) go to both.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import type OpenTokDefault from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const OurOpenTok = require('opentok') as typeof OpenTokDefault;
// biome-ignore lint/suspicious/noExplicitAny: the official module is untyped; each call is spelled as 2.x code writes it
const OfficialOpenTok = require('official-opentok') as new (key: string, secret: string, url: string) => any;

interface Recorded {
  method: string;
  path: string;
  contentType: string | undefined;
  accept: string | undefined;
  auth: boolean;
  body: unknown;
}

let emulator: RunningEmulator;
let recorder: Server;
let recorded: Recorded[] = [];
// biome-ignore lint/suspicious/noExplicitAny: see above
let official: any;
let ours: InstanceType<typeof OpenTokDefault>;
let direct: InstanceType<typeof OpenTokDefault>;

function parseBody(text: string, type: string | undefined): unknown {
  if (text === '') return undefined;
  if (type?.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function record(request: IncomingMessage): Promise<{ entry: Recorded; text: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return {
    text,
    entry: {
      method: request.method ?? '',
      path: request.url ?? '',
      contentType: text === '' ? undefined : contentType,
      accept: request.headers.accept?.toLowerCase(),
      auth: typeof request.headers['x-opentok-auth'] === 'string',
      body: parseBody(text, contentType),
    },
  };
}

beforeAll(async () => {
  emulator = await startEmulator({ archiveProcessingMs: 20, log: () => {} });
  recorder = createServer(async (request, response) => {
    const { entry, text } = await record(request);
    recorded.push(entry);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
    }
    const answer = await fetch(`${emulator.url}${request.url}`, {
      method: request.method ?? 'GET',
      headers,
      ...(text === '' ? {} : { body: text }),
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const type = answer.headers.get('content-type');
    response.writeHead(answer.status, type ? { 'content-type': type } : {}).end(body);
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
  const { apiKey, apiSecret } = emulator.projects[0]!;
  official = new OfficialOpenTok(apiKey, apiSecret, url);
  ours = new OurOpenTok(apiKey, apiSecret, url);
  direct = new OurOpenTok(apiKey, apiSecret, emulator.url);
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => recorder.close(resolve));
});

type Start = (client: typeof official, done: (...outcome: unknown[]) => void) => unknown;

/** What one client sent for one call (callback form), once the callback ran. */
async function sent(client: unknown, start: Start): Promise<Recorded[]> {
  recorded = [];
  await new Promise<void>((resolve) => {
    start(client, () => resolve());
  });
  return recorded;
}

/**
 * Runs the same call on both clients and compares what they sent; `ourDifference` names a
 * deliberate difference (fields of our one request that differ), listed in the README.
 */
async function same(start: Start, ourDifference?: Partial<Recorded>): Promise<Recorded[]> {
  const theirs = await sent(official, start);
  const mine = await sent(ours, start);
  expect(theirs.length).toBeGreaterThan(0);
  expect(mine).toEqual(ourDifference ? [{ ...theirs[0], ...ourDifference }] : theirs);
  return mine;
}

async function routedWithPublisher() {
  const { sessionId } = await direct.createSession({ mediaMode: 'routed' });
  const joined = await emulator.connect(sessionId, direct.generateToken(sessionId), { publish: true });
  return { sessionId, streamId: joined.streamId!, connectionId: joined.connectionId };
}

describe('the requests of opentok 2.x methods are those of the official 2.23', () => {
  it('createSession', async () => {
    const [request] = await same((client, done) =>
      client.createSession({ mediaMode: 'routed', archiveMode: 'always' }, done),
    );
    expect(request).toMatchObject({ method: 'POST', path: '/session/create', auth: true });
    await same((client, done) => client.createSession({ location: '12.34.56.78' }, done));
    // The caller's key order, unknown keys forwarded, tolerant modes.
    await same((client, done) => client.createSession({ e2ee: true, location: '12.34.56.78', mediaMode: 'x' }, done));
    await same((client, done) => client.createSession({ archiveMode: 'sometimes', mediaMode: 'routed' }, done));
  });

  it('archives', async () => {
    const { sessionId, streamId } = await routedWithPublisher();
    const archive = await direct.archives.start(sessionId, { streamMode: 'manual' });
    await same((client, done) => client.getArchive(archive.id, done));
    await same((client, done) => client.listArchives({ count: 5, offset: 1, sessionId }, done));
    await same((client, done) => client.listArchives(done));
    await same((client, done) => client.setArchiveLayout(archive.id, 'bestFit', null, 'pip', done));
    await same((client, done) => client.setArchiveLayout(archive.id, 'custom', 'stream { width: 50%; }', done));
    await same((client, done) => client.addArchiveStream(archive.id, streamId, { hasVideo: false }, done));
    await same((client, done) => client.removeArchiveStream(archive.id, streamId, done));
    await same((client, done) => client.stopArchive(archive.id, done));
    await same((client, done) => client.deleteArchive(archive.id, done));
    const other = await routedWithPublisher();
    await same((client, done) =>
      client.startArchive(other.sessionId, { name: 'lesson', outputMode: 'composed' }, done),
    );
  });

  it('broadcasts', async () => {
    const { sessionId, streamId } = await routedWithPublisher();
    const broadcast = await direct.broadcasts.start(sessionId, { outputs: { hls: {} }, streamMode: 'manual' });
    await same((client, done) => client.getBroadcast(broadcast.id, done));
    await same((client, done) => client.listBroadcasts({ sessionId }, done));
    await same((client, done) =>
      client.setBroadcastLayout(broadcast.id, 'bestFit', null, 'verticalPresentation', done),
    );
    await same((client, done) => client.addBroadcastStream(broadcast.id, streamId, done));
    await same((client, done) => client.removeBroadcastStream(broadcast.id, streamId, done));
    await same((client, done) => client.stopBroadcast(broadcast.id, done));
    const other = await routedWithPublisher();
    await same((client, done) =>
      client.startBroadcast(other.sessionId, { outputs: { hls: {} }, maxDuration: 5400, resolution: '1280x720' }, done),
    );
  });

  it('live sessions', async () => {
    const { sessionId, streamId, connectionId } = await routedWithPublisher();
    await same((client, done) => client.signal(sessionId, null, { type: 'chat', data: 'hello' }, done));
    await same((client, done) => client.signal(sessionId, connectionId, { data: 'just you' }, done));
    await same((client, done) => client.listStreams(sessionId, done));
    await same((client, done) => client.getStream(sessionId, streamId, done));
    await same((client, done) =>
      client.setStreamClassLists(sessionId, [{ id: streamId, layoutClassList: ['full'] }], done),
    );
    await same((client, done) => client.forceMuteStream(sessionId, streamId, done));
    await same((client, done) => client.forceMuteAll(sessionId, { excludedStreamIds: [streamId] }, done));
    await same((client, done) => client.disableForceMute(sessionId, done));
    await same((client, done) => client.forceDisconnect(sessionId, connectionId, done));
  });

  it('connectors and callbacks', async () => {
    const { sessionId } = await routedWithPublisher();
    const token = direct.generateToken(sessionId, { role: 'moderator' });
    await same((client, done) =>
      client.dial(
        sessionId,
        token,
        'sip:+15551234567@sip.example.com',
        { from: '15557654321@example.com', video: true },
        done,
      ),
    );
    await same((client, done) => client.playDTMF(sessionId, null, '1234#', done));
    await same((client, done) => client.startCaptions(sessionId, token, {}, done));
    // Unchecked, as 2.x: any token text, any maxDuration.
    await same((client, done) => client.startCaptions(sessionId, 'not a token', { maxDuration: 99999999 }, done));
    await same((client, done) =>
      client.dial(sessionId, token, 'sip:+15551234567@sip.example.com', { headers: null, auth: null }, done),
    );
    await same((client, done) => client.listRenders({ count: 10 }, done));
    await same((client, done) => client.getRender('00000000-0000-0000-0000-000000000000', done));
    await same((client, done) => client.stopRender('00000000-0000-0000-0000-000000000000', done));
    await same((client, done) => client.stopCaptions('00000000-0000-0000-0000-000000000000', done));
    await same((client, done) =>
      client.websocketConnect(sessionId, token, 'wss://example.com/audio', { headers: { a: 'b' } }, done),
    );
    await same((client, done) =>
      client.websocketConnect(sessionId, token, 'wss://example.com/audio', { headers: null }, done),
    );
    await same((client, done) =>
      client.registerCallback({ group: 'archive', event: 'status', url: 'https://example.com/a' }, done),
    );
    await same((client, done) =>
      client.registerCallback({ group: 'archive', event: 'status', url: 'not a url' }, done),
    );
    await same((client, done) => client.listCallbacks(done));
    await same((client, done) => client.unregisterCallback('no-such-callback', done));
  });
});
