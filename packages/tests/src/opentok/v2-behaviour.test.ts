/**
 * 2.x code as its users write it, run on our `opentok` unchanged: placeholder credentials
 * (`'APIKEY'`, `'123456'`), an HTTP server that answers each request once with a canned body,
 * and assertions on the whole `err.message`, on the request bodies (form order included), on
 * the number of requests and on the result fields. Each expectation is what the official
 * 2.23's `lib/` does. The last block makes the same calls against `@opentok/emulator`.
 */
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import type * as opentokModule from 'opentok';
import type OpenTokDefault from 'opentok';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const OpenTok = require('opentok') as typeof OpenTokDefault & typeof opentokModule;
// biome-ignore lint/suspicious/noExplicitAny: 2.x code is untyped JavaScript; each call is spelled as it writes it
type Any = any;

/** One canned answer: status, body (an object is sent as JSON), content type. */
interface Canned {
  status: number;
  body?: unknown;
  type?: string;
}

/** One request the server saw. */
interface Seen {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

let server: Server;
let url: string;
let queue: Canned[] = [];
let seen: Seen[] = [];

/** The answers of the next requests, one each; a request beyond them gets a 599. */
function answer(...canned: Canned[]): void {
  queue = canned;
  seen = [];
}

beforeAll(async () => {
  server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    seen.push({
      method: request.method ?? '',
      path: request.url ?? '',
      headers: request.headers,
      text: Buffer.concat(chunks).toString('utf8'),
    });
    const next = queue.shift() ?? { status: 599, body: 'no answer left', type: 'text/plain' };
    const text = next.body === undefined ? '' : typeof next.body === 'string' ? next.body : JSON.stringify(next.body);
    const type = next.type ?? (typeof next.body === 'object' ? 'application/json' : 'text/plain');
    response.writeHead(next.status, text === '' && next.type === undefined ? {} : { 'content-type': type });
    response.end(text);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => answer());

/** A 2.x client with placeholder credentials, as users' tests make it. */
const placeholder = (key: string | number = 'APIKEY', secret = 'APISECRET'): Any =>
  new OpenTok(key as string, secret, url);

/** Calls a 2.x method with a callback; resolves with what the callback got. */
function settled(start: (callback: (...outcome: unknown[]) => void) => unknown): Promise<[Any, ...Any[]]> {
  return new Promise((resolve) => {
    start((...outcome) => resolve(outcome as [Any, ...Any[]]));
  });
}

/** The claims of a JWT. */
const claimsOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
const headerOf = (jwt: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8'));

const ARCHIVE = {
  id: 'ARCHIVEID',
  status: 'available',
  name: 'a',
  projectId: 123456,
  partnerId: 123456,
  extra: 'kept',
};

describe('1. any API key, used as given', () => {
  it('goes verbatim into the path and the REST JWT, signed with the secret', async () => {
    answer({ status: 200, body: ARCHIVE });
    const [error, archive] = await settled((done) => placeholder().getArchive('ARCHIVEID', done));
    expect(error).toBeNull();
    expect(archive.id).toBe('ARCHIVEID');
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/v2/project/APIKEY/archive/ARCHIVEID' });
    const jwt = seen[0]!.headers['x-opentok-auth'] as string;
    expect(claimsOf(jwt)).toMatchObject({ iss: 'APIKEY', ist: 'project' });
    const [head, body, signature] = jwt.split('.');
    expect(createHmac('sha256', 'APISECRET').update(`${head}.${body}`).digest('base64url')).toBe(signature);
  });

  it('may be a number, turned into a string', async () => {
    answer({ status: 200, body: { items: [], count: 0 } });
    const [error, archives, total] = await settled((done) => placeholder(123456).listArchives(done));
    expect([error, archives, total]).toEqual([null, [], 0]);
    expect(seen.map(({ path }) => path)).toEqual(['/v2/project/123456/archive']);
  });

  it('is sent, and the service refusing it is the error', async () => {
    answer({ status: 401, body: { message: 'Invalid credentials' } });
    const [error] = await settled((done) => placeholder().startArchive('SESSIONID', done));
    expect(error.message).toBe('Invalid API key or secret');
    expect(error).toMatchObject({ status: 401, method: 'POST', path: '/v2/project/APIKEY/archive' });
    expect(error.serviceMessage).toBe('Invalid credentials');
    expect(seen).toHaveLength(1);
  });

  it("does not hide 2.x's argument checks, made before any request", async () => {
    const [error] = await settled((done) => placeholder().getArchive('', done));
    expect(error.message).toBe('No archive ID given');
    expect(seen).toHaveLength(0);
  });

  it('signs client tokens with the key as issuer', () => {
    const opentok = placeholder();
    const sessionId = `1_${Buffer.from(`1~APIKEY~~${Date.now()}~random~`).toString('base64')}`;
    const token = opentok.generateToken(sessionId, { role: 'moderator' });
    expect(claimsOf(token)).toMatchObject({ iss: 'APIKEY', session_id: sessionId, role: 'moderator' });
  });

  it('keeps Vonage mode as 2.x decides it: a UUID key with a PEM private key', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const applicationId = '0f3a6e2c-8b1d-4c7e-9a52-3d4b6c8e1f20';
    answer({ status: 200, body: ARCHIVE });
    const [error] = await settled((done) => new OpenTok(applicationId, privateKey, url).getArchive('ARCHIVEID', done));
    expect(error).toBeNull();
    expect(seen[0]!.path).toBe(`/v2/project/${applicationId}/archive/ARCHIVEID`);
    expect(seen[0]!.headers.authorization).toMatch(/^Bearer eyJ/);
  });
});

/** [what, call, answer, the whole message 2.x gives]. */
type Case = [string, (opentok: Any, done: (...outcome: unknown[]) => void) => unknown, Canned | undefined, string];
const SESSION = 'SESSIONID';
const cases: Case[] = [
  ['any call, 403', (o, d) => o.getStream(SESSION, 'S', d), { status: 403 }, 'Invalid API key or secret'],
  ['any call, 404', (o, d) => o.getStream(SESSION, 'S', d), { status: 404 }, 'Not Found'],
  [
    'any call, 500 with a JSON message',
    (o, d) => o.listStreams(SESSION, d),
    { status: 500, body: { code: 500, message: 'boom' } },
    'Unexpected response from OpenTok: "{"message":"boom"}"',
  ],
  [
    'any call, 500 with a JSON body without message',
    (o, d) => o.listStreams(SESSION, d),
    { status: 500, body: { code: 500 } },
    'Unexpected response from OpenTok: "{"message":"{\\"code\\":500}"}"',
  ],
  [
    'any call, 502 with a text body',
    (o, d) => o.forceMuteStream(SESSION, 'S', d),
    { status: 502, body: 'Bad Gateway', type: 'text/html' },
    'Unexpected response from OpenTok: "{"message":"Bad Gateway"}"',
  ],
  [
    'any call, 500 with no body',
    (o, d) => o.disableForceMute(SESSION, d),
    { status: 500 },
    'Unexpected response from OpenTok: "{"message":""}"',
  ],
  ['startArchive 404', (o, d) => o.startArchive(SESSION, d), { status: 404 }, 'Session not found'],
  [
    'startArchive 409',
    (o, d) => o.startArchive(SESSION, d),
    { status: 409, body: { message: 'already recording' } },
    'Unexpected response from OpenTok: "{"message":"already recording"}"',
  ],
  ['stopArchive 404', (o, d) => o.stopArchive('A', d), { status: 404 }, 'Archive not found'],
  [
    'stopArchive 409 with a message',
    (o, d) => o.stopArchive('A', d),
    { status: 409, body: { message: 'Archive is not started' } },
    'Archive is not started',
  ],
  ['stopArchive 409 without', (o, d) => o.stopArchive('A', d), { status: 409 }, 'Unknown archive error'],
  ['getArchive 404', (o, d) => o.getArchive('A', d), { status: 404 }, 'Archive not found'],
  ['deleteArchive 404', (o, d) => o.deleteArchive('A', d), { status: 404 }, 'Archive not found'],
  [
    'addArchiveStream 400',
    (o, d) => o.addArchiveStream('A', 'S', d),
    { status: 400, body: { code: 400, message: 'bad' } },
    'Invalid request: {"code":400,"message":"bad"}',
  ],
  ['addArchiveStream 404', (o, d) => o.addArchiveStream('A', 'S', d), { status: 404 }, 'Archive or stream not found'],
  ['removeArchiveStream 405', (o, d) => o.removeArchiveStream('A', 'S', d), { status: 405 }, 'Unsupported Stream Mode'],
  ['stopArchive, no ID', (o, d) => o.stopArchive('', d), undefined, 'No archive ID given'],
  ['startArchive, no ID', (o, d) => o.startArchive('', d), undefined, 'No session ID given'],
  [
    'startBroadcast, no session',
    (o, d) => o.startBroadcast('', {}, d),
    undefined,
    'No sessionId given to startBroadcast',
  ],
  [
    'startBroadcast, no options',
    (o, d) => o.startBroadcast(SESSION, null, d),
    undefined,
    'No options given to startBroadcast',
  ],
  [
    'startBroadcast, dvr and lowLatency',
    (o, d) => o.startBroadcast(SESSION, { outputs: { hls: { dvr: true, lowLatency: true } } }, d),
    undefined,
    'Cannot set both dvr and lowLatency on HLS',
  ],
  ['stopBroadcast, no ID', (o, d) => o.stopBroadcast('', d), undefined, 'No broadcast ID given'],
  ['getBroadcast, no ID', (o, d) => o.getBroadcast(undefined, d), undefined, 'No broadcast ID given'],
  [
    'startBroadcast 400',
    (o, d) => o.startBroadcast(SESSION, { outputs: { hls: {} } }, d),
    { status: 400, body: { message: 'bad' } },
    'Failed to start broadcast. Error: Bad session ID, token, SIP credentials, or SIP URI (sip:user@domain.tld)',
  ],
  [
    'startBroadcast 401',
    (o, d) => o.startBroadcast(SESSION, { outputs: { hls: {} } }, d),
    { status: 401 },
    'Failed to start broadcast. Error: Invalid API key or secret',
  ],
  [
    'stopBroadcast 404',
    (o, d) => o.stopBroadcast('B', d),
    { status: 404 },
    'Failed to stop broadcast. Error: Not Found',
  ],
  ['getBroadcast 404', (o, d) => o.getBroadcast('B', d), { status: 404 }, 'Failed to get broadcast. Error: Not Found'],
  [
    'createSession 500',
    (o, d) => o.createSession({}, d),
    { status: 500, body: { message: 'down' } },
    'Failed to createSession. Error: Unexpected response from OpenTok: "{"message":"down"}"',
  ],
  [
    'startCaptions 409',
    (o, d) => o.startCaptions(SESSION, 'TOKEN', {}, d),
    { status: 409 },
    'Live captions have already started for this OpenTok Session',
  ],
  ['stopCaptions 404', (o, d) => o.stopCaptions('C', d), { status: 404 }, 'Not Found'],
  [
    'signal 404',
    (o, d) => o.signal(SESSION, null, { data: 'x' }, d),
    { status: 404 },
    'Session or Connection not found',
  ],
  [
    'forceDisconnect 404',
    (o, d) => o.forceDisconnect(SESSION, 'C', d),
    { status: 404 },
    'Session or Connection not found',
  ],
  [
    'dial 404',
    (o, d) => o.dial(SESSION, 'T', 'sip:a@b.c', d),
    { status: 404 },
    'Failed to dial endpoint. Error: Not Found',
  ],
  [
    'websocketConnect 403',
    (o, d) => o.websocketConnect(SESSION, 'T', 'wss://a.b', d),
    { status: 403 },
    'Error connecting to websocket: Invalid API key or secret',
  ],
];

describe('2. the whole message is 2.x’s, the detail on properties', () => {
  it.each(cases)('%s', async (_what, start, canned, message) => {
    answer(...(canned ? [canned] : []));
    const [error] = await settled((done) => start(placeholder(), done));
    expect(error.message).toBe(message);
    expect(seen).toHaveLength(canned ? 1 : 0);
    if (canned) expect(error.status).toBe(canned.status);
  });

  it('keeps the status, method, path and service message on the error', async () => {
    answer({ status: 500, body: { message: 'boom' } });
    const [error] = await settled((done) => placeholder().getArchive('A', done));
    expect(error).toMatchObject({
      status: 500,
      method: 'GET',
      path: '/v2/project/APIKEY/archive/A',
      serviceMessage: 'boom',
    });
  });
});

describe('3. one request per call', () => {
  it('never retries a GET that failed, by default', async () => {
    answer({ status: 503, body: { message: 'busy' } }, { status: 200, body: ARCHIVE });
    const [error] = await settled((done) => placeholder().getArchive('A', done));
    expect(error.message).toBe('Unexpected response from OpenTok: "{"message":"busy"}"');
    expect(seen).toHaveLength(1);
  });

  it('leaves the modern calls of the same object their retries', async () => {
    answer({ status: 503, body: { message: 'busy' } }, { status: 200, body: ARCHIVE });
    const opentok: Any = new OpenTok('123456', 'APISECRET', { apiUrl: url, retry: { baseDelay: 0 } });
    // The canned archive is too thin for the modern parser: what counts is the second request.
    await opentok.archives.get('ARCHIVEID').catch(() => undefined);
    expect(seen).toHaveLength(2);
  });

  it('retries when the user opts in', async () => {
    answer({ status: 503, body: { message: 'busy' } }, { status: 200, body: ARCHIVE });
    const opentok: Any = new OpenTok('APIKEY', 'APISECRET', { apiUrl: url, retry: { limit: 1, baseDelay: 0 } });
    const [error, archive] = await settled((done) => opentok.getArchive('A', done));
    expect(error).toBeNull();
    expect(archive.id).toBe('ARCHIVEID');
    expect(seen).toHaveLength(2);
  });
});

describe('4. the request 2.x sends, unchecked where 2.x does not check', () => {
  it('startCaptions sends exactly five fields, the caller’s values as given', async () => {
    answer({ status: 202, body: { captionsId: 'CAPTIONSID' } });
    const [error, id] = await settled((done) =>
      placeholder().startCaptions(SESSION, 'any token', { maxDuration: 999999, languageCode: 'xx' }, done),
    );
    expect([error, id]).toEqual([null, 'CAPTIONSID']);
    expect(JSON.parse(seen[0]!.text)).toEqual({
      sessionId: SESSION,
      token: 'any token',
      languageCode: 'xx',
      maxDuration: 999999,
      partialCaptions: true,
    });
    answer({ status: 202, body: { captionsId: 'C2' } });
    await settled((done) => placeholder().startCaptions(SESSION, 'T', done));
    expect(seen[0]!.text).toBe(
      '{"sessionId":"SESSIONID","token":"T","languageCode":"en-US","maxDuration":14400,"partialCaptions":true}',
    );
  });

  it('registerCallback sends group, event and url, any url', async () => {
    answer({ status: 200, body: { id: 'CB', group: 'archive', event: 'status', url: 'not a url', createdAt: 1 } });
    const [error, callback] = await settled((done) =>
      placeholder().registerCallback({ group: 'archive', event: 'status', url: 'not a url' }, done),
    );
    expect(error).toBeNull();
    expect(seen[0]!.text).toBe('{"group":"archive","event":"status","url":"not a url"}');
    expect(callback).toMatchObject({ id: 'CB', createdAt: 1 });
  });

  it('createSession posts the caller’s keys in order, mediaMode out, defaults and p2p.preference last', async () => {
    const created = [{ session_id: '1_SESSION' }];
    answer({ status: 200, body: created });
    await settled((done) => placeholder().createSession({ location: '10.1.1.1' }, done));
    expect(seen[0]!.text).toBe('location=10.1.1.1&archiveMode=manual&p2p.preference=enabled');
    expect(seen[0]!.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    answer({ status: 200, body: created });
    await settled((done) =>
      placeholder().createSession({ e2ee: true, mediaMode: 'routed', archiveMode: 'always' }, done),
    );
    expect(seen[0]!.text).toBe('e2ee=true&archiveMode=always&p2p.preference=disabled');
  });

  it('dial and websocketConnect send headers and auth only when they are plain objects', async () => {
    answer({ status: 200, body: { id: 'CALL', connectionId: 'CONN', streamId: 'STREAM' } });
    const [error, call] = await settled((done) =>
      placeholder().dial(SESSION, 'T', 'sip:a@b.c', { headers: null, auth: null, from: 15551234567 }, done),
    );
    expect(error).toBeNull();
    expect(call).toMatchObject({ id: 'CALL', connectionId: 'CONN', streamId: 'STREAM' });
    expect(JSON.parse(seen[0]!.text)).toEqual({
      sessionId: SESSION,
      token: 'T',
      sip: { uri: 'sip:a@b.c', from: '15551234567' },
    });
    answer({ status: 200, body: { id: 'WS', connectionId: 'CONN' } });
    const [failure, connection] = await settled((done) =>
      placeholder().websocketConnect(SESSION, 'T', 'wss://a.b', { headers: null }, done),
    );
    expect([failure, connection]).toEqual([null, { id: 'WS', connectionId: 'CONN' }]);
    expect(JSON.parse(seen[0]!.text)).toEqual({ sessionId: SESSION, token: 'T', websocket: { uri: 'wss://a.b' } });
  });

  it('startBroadcast sends the caller’s options with sessionId and streamMode', async () => {
    answer({ status: 200, body: { id: 'B', sessionId: SESSION, status: 'started', event: 'broadcast', partnerId: 1 } });
    await settled((done) => placeholder().startBroadcast(SESSION, { outputs: { hls: {} }, custom: 1 }, done));
    expect(JSON.parse(seen[0]!.text)).toEqual({
      outputs: { hls: {} },
      custom: 1,
      sessionId: SESSION,
      streamMode: 'auto',
    });
  });
});

describe('5. tolerant like 2.x', () => {
  it('makes an unknown mediaMode relayed and an unknown archiveMode manual, and says so', async () => {
    answer({ status: 200, body: [{ session_id: '1_SESSION' }] });
    const [error, session] = await settled((done) =>
      placeholder().createSession({ mediaMode: 'unknown', archiveMode: 'sometimes' }, done),
    );
    expect(error).toBeNull();
    expect({ ...session }).toEqual({ sessionId: '1_SESSION', mediaMode: 'relayed', archiveMode: 'manual' });
    expect(seen[0]!.text).toBe('archiveMode=manual&p2p.preference=enabled');
  });

  it('then refuses always without routed, and a location that is not IPv4, before any request', async () => {
    const [always] = await settled((done) => placeholder().createSession({ archiveMode: 'always' }, done));
    expect(always.message).toBe('A session with always archive mode must also have the routed media mode.');
    const [location] = await settled((done) => placeholder().createSession({ location: 'example.com' }, done));
    expect(location.message).toBe('Invalid arguments when calling createSession, location must be an IPv4 address');
    expect(seen).toHaveLength(0);
  });

  it('listStreams gives [] when the answer has no items', async () => {
    answer({ status: 200, body: {} });
    const [error, streams] = await settled((done) => placeholder().listStreams(SESSION, done));
    expect([error, streams]).toEqual([null, []]);
  });
});

describe('6. results are the service’s JSON, as received', () => {
  it('Archive copies every field unchanged (a numeric projectId, unknown fields), adds stop and delete', async () => {
    answer({ status: 200, body: ARCHIVE });
    const [, archive] = await settled((done) => placeholder().getArchive('ARCHIVEID', done));
    expect(archive).toBeInstanceOf(OpenTok.Archive);
    expect({ ...archive }).toEqual(ARCHIVE);
    expect(typeof archive.stop).toBe('function');
    expect(typeof archive.delete).toBe('function');
  });

  it('lists map items, the total is count', async () => {
    answer({ status: 200, body: { count: 7, items: [ARCHIVE] } });
    const [, archives, total] = await settled((done) => placeholder().listArchives({ count: 1 }, done));
    expect(total).toBe(7);
    expect({ ...archives[0] }).toEqual(ARCHIVE);
    expect(seen[0]!.path).toBe('/v2/project/APIKEY/archive?count=1');
  });

  it('Broadcast drops event and partnerId, keeps the rest', async () => {
    const broadcast = {
      id: 'B',
      sessionId: SESSION,
      projectId: 1,
      status: 'started',
      event: 'broadcast',
      partnerId: 1,
      x: [1],
    };
    answer({ status: 200, body: broadcast });
    const [, result] = await settled((done) => placeholder().getBroadcast('B', done));
    const { event: _event, partnerId: _partnerId, ...kept } = broadcast;
    expect({ ...result }).toEqual(kept);
  });

  it('Stream and Render are the answers’ fields', async () => {
    const stream = { id: 'S', videoType: 'camera', name: '', layoutClassList: [], extra: true };
    answer({ status: 200, body: stream });
    const [, got] = await settled((done) => placeholder().getStream(SESSION, 'S', done));
    expect({ ...got }).toEqual(stream);
    const render = { id: 'R', sessionId: SESSION, projectId: 1, createdAt: 1, status: 'started', url: 'u' };
    answer({ status: 200, body: render });
    const [, rendered] = await settled((done) => placeholder().getRender('R', done));
    expect({ ...rendered }).toEqual(render);
  });
});

describe('generateToken, as 2.x', () => {
  const sessionId = `1_${Buffer.from(`1~APIKEY~~${Date.now()}~random~`).toString('base64')}`;
  const now = () => Math.round(Date.now() / 1000);

  it("throws 2.x's messages", () => {
    const opentok = placeholder();
    const message = (start: () => unknown) => {
      try {
        start();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    expect(message(() => opentok.generateToken())).toBe('Token cannot be generated without a sessionId parameter');
    expect(message(() => opentok.generateToken(`1_${Buffer.from('1~OTHER~~1~r~').toString('base64')}`))).toBe(
      'Token cannot be generated unless the session belongs to the API Key',
    );
    expect(message(() => opentok.generateToken('', {}))).toBe(
      'Token cannot be generated unless the session belongs to the API Key',
    );
    expect(message(() => opentok.generateToken(sessionId, { role: 'admin' }))).toBe(
      'Invalid role for token generation: admin',
    );
    const past = now() - 100;
    expect(message(() => opentok.generateToken(sessionId, { expireTime: past }))).toMatch(
      new RegExp(`^Invalid expireTime for token generation, time cannot be in the past: ${past} < \\d+$`),
    );
    expect(message(() => opentok.generateToken(sessionId, { data: 'x'.repeat(1025) }))).toBe(
      'Invalid data for token generation, must be a string with maximum length 1024',
    );
  });

  it('ignores options 2.x does not read, and keeps the modern format', () => {
    const token = placeholder().generateToken(sessionId, { role: 'subscriber', unknown: 1, expire_time: 5 });
    expect(claimsOf(token)).toMatchObject({ role: 'subscriber' });
    expect(placeholder().generateToken(sessionId, { format: 't1' })).toMatch(/^T1==/);
    expect(placeholder().generateToken(sessionId, {}, true)).toMatch(/^T1==/);
  });
});

describe('7. new Session(ot, sessionId, properties)', () => {
  it('sets sessionId, keeps ot, copies each own property, and generates tokens through ot', () => {
    const calls: unknown[][] = [];
    const ot = {
      generateToken: (...args: unknown[]) => {
        calls.push(args);
        return 'TOKEN';
      },
    };
    const properties = Object.create({ inherited: 1 }) as Record<string, unknown>;
    properties.mediaMode = 'routed';
    properties.e2ee = true;
    const session: Any = new (OpenTok.Session as Any)(ot, 'SESSIONID', properties);
    expect({ ...session }).toEqual({ sessionId: 'SESSIONID', mediaMode: 'routed', e2ee: true });
    expect(session.ot).toBe(ot);
    expect(session.generateToken({ role: 'moderator' })).toBe('TOKEN');
    expect(calls[0]!.slice(0, 2)).toEqual(['SESSIONID', { role: 'moderator' }]);
  });
});

describe('8. generateJwt()', () => {
  it('is the REST JWT of a project: HS256, iss, ist, iat, exp = iat + 300', () => {
    const jwt = placeholder('APIKEY', 'APISECRET').generateJwt();
    expect(headerOf(jwt)).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    const claims = claimsOf(jwt);
    expect(claims).toMatchObject({ iss: 'APIKEY', ist: 'project' });
    expect(claims.exp).toBe((claims.iat as number) + 300);
    const [head, body, signature] = jwt.split('.');
    expect(createHmac('sha256', 'APISECRET').update(`${head}.${body}`).digest('base64url')).toBe(signature);
  });

  it('is RS256 for an application, with iss, application_id and jti', () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const applicationId = '0f3a6e2c-8b1d-4c7e-9a52-3d4b6c8e1f20';
    for (const opentok of [
      new OpenTok(applicationId, privateKey) as Any,
      new OpenTok({ applicationId, privateKey }) as Any,
    ]) {
      const jwt = opentok.generateJwt();
      expect(headerOf(jwt)).toMatchObject({ alg: 'RS256' });
      const claims = claimsOf(jwt);
      expect(claims).toMatchObject({ iss: applicationId, application_id: applicationId, jti: expect.any(String) });
      expect(claims.exp).toBe((claims.iat as number) + 300);
    }
  });
});

describe('the same calls against the emulator', () => {
  let emulator: RunningEmulator;
  let opentok: Any;
  beforeAll(async () => {
    emulator = await startEmulator({ log: () => {} });
    const { apiKey, apiSecret } = emulator.projects[0]!;
    opentok = new OpenTok(apiKey, apiSecret, emulator.url);
  });
  afterAll(() => emulator.close());

  it('fails with the very messages of the official 2.23, call for call', async () => {
    const Official = require('official-opentok') as new (key: string, secret: string, url: string) => Any;
    const { apiKey, apiSecret } = emulator.projects[0]!;
    const official = new Official(apiKey, apiSecret, emulator.url);
    const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
    const relayed = (await opentok.createSession()).sessionId;
    const archive = await opentok.archives.start(sessionId, {}).catch(() => undefined);
    const token = opentok.generateToken(sessionId, { role: 'moderator' });
    const none = '00000000-0000-0000-0000-000000000000';
    const calls: [string, (client: Any, done: (error: Any) => void) => unknown][] = [
      ['getArchive', (c, d) => c.getArchive(none, d)],
      ['stopArchive', (c, d) => c.stopArchive(none, d)],
      ['deleteArchive', (c, d) => c.deleteArchive(none, d)],
      ['startArchive relayed', (c, d) => c.startArchive(relayed, d)],
      ['addArchiveStream', (c, d) => c.addArchiveStream(none, 'stream', d)],
      ['getBroadcast', (c, d) => c.getBroadcast(none, d)],
      ['stopBroadcast', (c, d) => c.stopBroadcast(none, d)],
      ['getStream', (c, d) => c.getStream(sessionId, 'no-such-stream', d)],
      ['forceDisconnect', (c, d) => c.forceDisconnect(sessionId, 'no-such-connection', d)],
      ['signal', (c, d) => c.signal(sessionId, 'no-such-connection', { data: 'x' }, d)],
      ['startCaptions relayed', (c, d) => c.startCaptions(relayed, token, {}, d)],
      ['getRender', (c, d) => c.getRender(none, d)],
      ['unregisterCallback', (c, d) => c.unregisterCallback(none, d)],
      ['startBroadcast no outputs', (c, d) => c.startBroadcast(sessionId, {}, d)],
    ];
    if (archive)
      calls.push(['stopArchive twice', (c, d) => c.stopArchive(archive.id, () => c.stopArchive(archive.id, d))]);
    for (const [what, start] of calls) {
      const [theirs] = await settled((done) => start(official, done));
      const [ours] = await settled((done) => start(opentok, done));
      expect([what, ours?.message]).toEqual([what, theirs?.message]);
    }
  });

  it('hands out the results of the official 2.23, field for field', async () => {
    const Official = require('official-opentok') as new (key: string, secret: string, url: string) => Any;
    const { apiKey, apiSecret } = emulator.projects[0]!;
    const official = new Official(apiKey, apiSecret, emulator.url);
    const { sessionId } = await opentok.createSession({ mediaMode: 'routed' });
    await emulator.connect(sessionId, opentok.generateToken(sessionId), { publish: true });
    const archive = await opentok.archives.start(sessionId, { name: 'fields' });
    await opentok.broadcasts.start(sessionId, { outputs: { hls: {} } });
    await opentok.client.callbacks.register({ group: 'archive', event: 'status', url: 'https://example.com/callback' });
    // What JSON keeps of a result: its fields (the methods 2.x adds are functions).
    const fields = (value: unknown) => JSON.parse(JSON.stringify(value));
    const calls: [string, (client: Any, done: (error: Any, ...results: Any[]) => void) => unknown][] = [
      ['getArchive', (c, d) => c.getArchive(archive.id, d)],
      ['listArchives', (c, d) => c.listArchives({ sessionId }, d)],
      ['listBroadcasts', (c, d) => c.listBroadcasts({ sessionId }, d)],
      ['listStreams', (c, d) => c.listStreams(sessionId, d)],
      ['listCallbacks', (c, d) => c.listCallbacks(d)],
    ];
    for (const [what, start] of calls) {
      const theirs = await settled((done) => start(official, done));
      const ours = await settled((done) => start(opentok, done));
      expect([what, ...fields(ours)]).toEqual([what, ...fields(theirs)]);
    }
    const [, broadcasts] = await settled((done) => official.listBroadcasts({ sessionId }, done));
    const [, theirs] = await settled((done) => official.getBroadcast(broadcasts[0].id, done));
    const [, ours] = await settled((done) => opentok.getBroadcast(broadcasts[0].id, done));
    expect(fields(ours)).toEqual(fields(theirs));
  });

  it('gives 2.x’s messages', async () => {
    const [notFound] = await settled((done) => opentok.getArchive('00000000-0000-0000-0000-000000000000', done));
    expect(notFound.message).toBe('Archive not found');
    const [stopped] = await settled((done) => opentok.stopBroadcast('00000000-0000-0000-0000-000000000000', done));
    expect(stopped.message).toBe('Failed to stop broadcast. Error: Not Found');
    const wrong = new OpenTok(emulator.projects[0]!.apiKey, 'not-the-secret', emulator.url) as Any;
    const [refused] = await settled((done) => wrong.listArchives(done));
    expect(refused.message).toBe('Invalid API key or secret');
    const [always] = await settled((done) => opentok.createSession({ archiveMode: 'always' }, done));
    expect(always.message).toBe('A session with always archive mode must also have the routed media mode.');
  });

  it('creates sessions with 2.x’s tolerant options and form, and reads results as sent', async () => {
    const [error, session] = await settled((done) =>
      opentok.createSession({ location: '10.1.1.1', mediaMode: 'unknown' }, done),
    );
    expect(error).toBeNull();
    expect({ ...session }).toEqual({
      sessionId: expect.stringMatching(/^[12]_/),
      location: '10.1.1.1',
      mediaMode: 'relayed',
      archiveMode: 'manual',
    });
    const [listError, streams] = await settled((done) => opentok.listStreams(session.sessionId, done));
    expect([listError, streams]).toEqual([null, []]);
    const [captionsError, captionsId] = await settled((done) =>
      opentok.startCaptions(session.sessionId, opentok.generateToken(session.sessionId, { role: 'moderator' }), done),
    );
    // Captions need a routed session: the service's 4xx, in 2.x's words.
    expect(captionsId ?? captionsError.message).toMatch(/^Unexpected response from OpenTok: |^[\w-]{36}$/);
  });
});
