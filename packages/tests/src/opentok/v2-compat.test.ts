/**
 * `opentok` as a drop-in for the official `opentok` 2.x module: every 2.x method, called with a
 * callback (as 2.x code does) and without one (a promise of the same result), against
 * `@opentok/emulator` over real HTTP. Results are instances of the exported 2.x classes, errors
 * are our typed classes with the message 2.x users match on.
 */
import { createRequire } from 'node:module';
import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import type * as opentokModule from 'opentok';
import type OpenTokDefault from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// 2.x code requires the module; the result classes and errors hang off it (CommonJS build).
const OpenTok = require('opentok') as typeof OpenTokDefault & typeof opentokModule;
const {
  Archive,
  AuthenticationError,
  Broadcast,
  Callback,
  InvalidArgumentError,
  NotFoundError,
  Render,
  Session,
  SipInterconnect,
  Stream,
} = OpenTok;

type Settled = [Error | null, ...unknown[]];
/** Calls a 2.x method with a callback; resolves with everything the callback got. */
function viaCallback(start: (callback: (...outcome: Settled) => void) => unknown): Promise<Settled> {
  return new Promise((resolve) => {
    const returned = start((...outcome) => resolve(outcome));
    expect(returned).toBeUndefined();
  });
}

let emulator: RunningEmulator;
let opentok: InstanceType<typeof OpenTokDefault>;
let apiKey: string;
let pageUrl: string;
let page: import('node:http').Server;

beforeAll(async () => {
  emulator = await startEmulator({ archiveProcessingMs: 20, log: () => {} });
  const [project] = emulator.projects;
  apiKey = project!.apiKey;
  // The 2.x constructor forms: a string third argument, and no `new`.
  opentok = (OpenTok as unknown as (key: string, secret: string, url: string) => typeof opentok)(
    apiKey,
    project!.apiSecret,
    emulator.url,
  );
  const { createServer } = await import('node:http');
  page = createServer((_request, response) => response.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  const address = page.address() as import('node:net').AddressInfo;
  pageUrl = `http://127.0.0.1:${address.port}/stage`;
});
afterAll(async () => {
  await emulator.close();
  await new Promise((resolve) => page.close(resolve));
});

async function routedWithPublisher(): Promise<{ sessionId: string; streamId: string; connectionId: string }> {
  const session = (await opentok.createSession({ mediaMode: 'routed' })) as { sessionId: string };
  const joined = await emulator.connect(session.sessionId, opentok.generateToken(session.sessionId), { publish: true });
  return { sessionId: session.sessionId, streamId: joined.streamId!, connectionId: joined.connectionId };
}

describe('constructor as 2.x', () => {
  it('takes a number key, an options object, and builds without new', () => {
    const secret = emulator.projects[0]!.apiSecret;
    const fromNumber = new OpenTok(Number(apiKey), secret, {
      apiUrl: emulator.url,
      timeout: 5000,
      uaAddendum: 'my-app/1.0',
    });
    expect(fromNumber.apiKey).toBe(apiKey);
    expect(fromNumber.apiUrl).toBe(emulator.url);
    expect(opentok).toBeInstanceOf(OpenTok);
    expect(opentok.apiUrl).toBe(emulator.url);
  });

  it('throws for a missing key or secret, and for a proxy URL it cannot use', () => {
    expect(() => new OpenTok(undefined as never, 'secret')).toThrow(InvalidArgumentError);
    expect(() => new OpenTok(apiKey, undefined as never)).toThrow(/Invalid arguments when initializing OpenTok/);
    expect(() => new OpenTok(apiKey, 'secret', { proxy: 'not a url' })).toThrow(/proxy is not a valid URL/);
  });

  it('accepts a key that is not digits (a test key), as 2.x (its calls: v2-behaviour.test.ts)', () => {
    const test = new OpenTok('APIKEY', 'APISECRET');
    expect(test.apiKey).toBe('APIKEY');
    expect(() => test.generateToken('1_x')).toThrow(InvalidArgumentError);
  });

  it('takes a Vonage application as 2.23 detects it, and as { applicationId, privateKey }', () => {
    const { generateKeyPairSync } = require('node:crypto') as typeof import('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    const applicationId = '0f3a6e2c-8b1d-4c7e-9a52-3d4b6c8e1f20';
    const detected = (OpenTok as unknown as (id: string, key: string) => InstanceType<typeof OpenTok>)(
      applicationId,
      privateKey,
    );
    const explicit = new OpenTok({ applicationId, privateKey });
    for (const application of [detected, explicit]) {
      expect(application.applicationId).toBe(applicationId);
      expect(application.apiUrl).toBe(process.env.OPENTOK_API_URL ?? 'https://video.api.vonage.com');
      const sessionId = OpenTok.encodeSessionId({ applicationId });
      expect(application.generateToken(sessionId, { initialLayoutClassList: 'focus' })).toMatch(/^eyJ/);
    }
  });

  it('sends the uaAddendum in the user agent', async () => {
    const secret = emulator.projects[0]!.apiSecret;
    const seen: string[] = [];
    const spy = new OpenTok(apiKey, secret, {
      apiUrl: emulator.url,
      uaAddendum: 'my-app/1.0',
      fetch: (url: string | URL | Request, init?: RequestInit) => {
        seen.push(new Headers(init?.headers).get('user-agent') ?? '');
        return fetch(url, init);
      },
    });
    await spy.createSession();
    expect(seen[0]).toMatch(/ my-app\/1\.0$/);
  });
});

describe('sessions and tokens', () => {
  it('createSession with a callback gives a Session; without, a promise of one', async () => {
    const [error, session] = await viaCallback((done) =>
      opentok.createSession({ mediaMode: 'routed', location: '12.34.56.78' }, done),
    );
    expect(error).toBeNull();
    expect(session).toBeInstanceOf(Session);
    const typed = session as InstanceType<typeof Session>;
    // As 2.x: the session ID and the options it was created with, nothing more.
    expect({ ...typed }).toEqual({
      sessionId: typed.sessionId,
      mediaMode: 'routed',
      archiveMode: 'manual',
      location: '12.34.56.78',
    });
    expect(typed.generateToken({ role: 'moderator' })).toMatch(/^eyJ/);
    const [shifted, relayed] = await viaCallback((done) => opentok.createSession(done));
    expect(shifted).toBeNull();
    expect((relayed as InstanceType<typeof Session>).mediaMode).toBe('relayed');
    const promised = await opentok.createSession({ mediaMode: 'routed' });
    expect(promised).toBeInstanceOf(Session);
    expect(promised.sessionId).toMatch(/^[12]_/);
  });

  it('createSession passes an error with the message of 2.x', async () => {
    const wrong = new OpenTok(apiKey, 'not-the-secret', emulator.url);
    const [error] = await viaCallback((done) => wrong.createSession({}, done));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error!.message).toBe('Failed to createSession. Error: Invalid API key or secret');
    expect(error!.message).not.toContain('not-the-secret');
  });

  it('generateToken takes 2.x forms: true for T1, a class list string, a fractional expireTime', async () => {
    const { sessionId } = await opentok.createSession();
    const expireTime = Date.now() / 1000 + 3600.4;
    const t1 = opentok.generateToken(
      sessionId,
      { role: 'publisher', initialLayoutClassList: 'focus full', expireTime },
      true,
    );
    expect(t1).toMatch(/^T1==/);
    const decoded = Buffer.from(t1.slice(4), 'base64').toString();
    expect(decoded).toContain(`expire_time=${Math.round(expireTime)}`);
    expect(decoded).toContain('initial_layout_class_list=focus%20full');
    expect(opentok.generateToken(sessionId, { initialLayoutClassList: ['a', 'b'] })).toMatch(/^eyJ/);
  });
});

describe('archives', () => {
  it('start, get, list, stop and delete, with callbacks and promises', async () => {
    const { sessionId } = await routedWithPublisher();
    const [startError, started] = await viaCallback((done) =>
      opentok.startArchive(sessionId, { name: 'lesson' }, done),
    );
    expect(startError).toBeNull();
    expect(started).toBeInstanceOf(Archive);
    const archive = started as InstanceType<typeof Archive>;
    expect(archive).toMatchObject({ sessionId, name: 'lesson', status: 'started' });
    const [getError, got] = await viaCallback((done) => opentok.getArchive(archive.id, done));
    expect(getError).toBeNull();
    expect(got).toBeInstanceOf(Archive);
    expect(await opentok.getArchive(archive.id)).toMatchObject({ id: archive.id });
    const [listError, items, total] = await viaCallback((done) => opentok.listArchives({ sessionId }, done));
    expect(listError).toBeNull();
    expect((items as unknown[])[0]).toBeInstanceOf(Archive);
    expect(total).toBe(1);
    expect(await opentok.listArchives({ sessionId })).toHaveLength(1);
    // The 2.x result's own stop(): callback form.
    const [stopError, stopped] = await viaCallback((done) => archive.stop(done));
    expect(stopError).toBeNull();
    expect((stopped as InstanceType<typeof Archive>).status).toBe('stopped');
    for (let attempt = 0; attempt < 200; attempt++) {
      if ((await opentok.getArchive(archive.id)).status === 'available') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const [deleteError] = await viaCallback((done) => opentok.deleteArchive(archive.id, done));
    expect(deleteError).toBeNull();
  });

  it('a promise start and stop, the layout and manual streams', async () => {
    const { sessionId, streamId } = await routedWithPublisher();
    const archive = await opentok.startArchive(sessionId, { streamMode: 'manual' });
    expect(archive).toBeInstanceOf(Archive);
    const [layoutError] = await viaCallback((done) =>
      opentok.setArchiveLayout(archive.id, 'bestFit', null as never, 'pip', done),
    );
    expect(layoutError).toBeNull();
    await opentok.setArchiveLayout(archive.id, 'custom', 'stream.instructor { position: absolute; }');
    const [addError] = await viaCallback((done) =>
      opentok.addArchiveStream(archive.id, streamId, { hasVideo: false }, done),
    );
    expect(addError).toBeNull();
    expect((await opentok.getArchive(archive.id)).streams).toEqual([
      expect.objectContaining({ streamId, hasAudio: true, hasVideo: false }),
    ]);
    const [removeError] = await viaCallback((done) => opentok.removeArchiveStream(archive.id, streamId, done));
    expect(removeError).toBeNull();
    expect(await opentok.stopArchive(archive.id)).toBeInstanceOf(Archive);
  });

  it('errors begin as 2.x: unknown archive, relayed session', async () => {
    const [missing] = await viaCallback((done) => opentok.getArchive('00000000-0000-0000-0000-000000000000', done));
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing!.message).toMatch(/^Archive not found/);
    const relayed = await opentok.createSession();
    const emptyId = await opentok.startArchive('').catch((error: Error) => error);
    expect(emptyId).toBeInstanceOf(InvalidArgumentError);
    expect((emptyId as Error).message).toContain('No session ID given');
    const [conflict] = await viaCallback((done) => opentok.startArchive(relayed.sessionId, done));
    expect(conflict!.message).toMatch(/^(Recording already in progress|Session not found)/);
  });
});

describe('broadcasts', () => {
  it('start, get, list, layout, streams and stop, with callbacks and promises', async () => {
    const { sessionId, streamId } = await routedWithPublisher();
    const [startError, started] = await viaCallback((done) =>
      opentok.startBroadcast(sessionId, { outputs: { hls: {} }, streamMode: 'manual' }, done),
    );
    expect(startError).toBeNull();
    expect(started).toBeInstanceOf(Broadcast);
    const broadcast = started as InstanceType<typeof Broadcast>;
    expect(broadcast).not.toHaveProperty('partnerId');
    expect(await opentok.getBroadcast(broadcast.id)).toBeInstanceOf(Broadcast);
    const [listError, items, total] = await viaCallback((done) => opentok.listBroadcasts({ sessionId }, done));
    expect(listError).toBeNull();
    expect((items as unknown[])[0]).toBeInstanceOf(Broadcast);
    expect(total).toBe(1);
    expect(await opentok.listBroadcasts({ sessionId })).toHaveLength(1);
    expect(
      (await viaCallback((done) => opentok.setBroadcastLayout(broadcast.id, 'verticalPresentation', done)))[0],
    ).toBeNull();
    expect((await viaCallback((done) => opentok.addBroadcastStream(broadcast.id, streamId, done)))[0]).toBeNull();
    await opentok.removeBroadcastStream(broadcast.id, streamId);
    const [stopError, stopped] = await viaCallback((done) => broadcast.stop(done));
    expect(stopError).toBeNull();
    expect(stopped).toBeInstanceOf(Broadcast);
    const [missing] = await viaCallback((done) => opentok.getBroadcast('nope', done));
    expect(missing!.message).toMatch(/^Failed to get broadcast\./);
    await expect(opentok.stopBroadcast('nope')).rejects.toThrow(/^Failed to stop broadcast\./);
  });
});

describe('live sessions', () => {
  it('signal, streams, class lists, mute and disconnect, with callbacks and promises', async () => {
    const { sessionId, streamId, connectionId } = await routedWithPublisher();
    expect(
      (await viaCallback((done) => opentok.signal(sessionId, null, { type: 'chat', data: 'hi' }, done)))[0],
    ).toBeNull();
    await opentok.signal(sessionId, connectionId, { data: 'to you' });
    const [missingSignal] = await viaCallback((done) =>
      opentok.signal(sessionId, 'no-such-connection', { data: 'x' }, done),
    );
    expect(missingSignal!.message).toMatch(/^Session or Connection not found/);
    const [getError, stream] = await viaCallback((done) => opentok.getStream(sessionId, streamId, done));
    expect(getError).toBeNull();
    expect(stream).toBeInstanceOf(Stream);
    const [listError, streams] = await viaCallback((done) => opentok.listStreams(sessionId, done));
    expect(listError).toBeNull();
    expect((streams as unknown[])[0]).toBeInstanceOf(Stream);
    expect(await opentok.listStreams(sessionId)).toHaveLength(1);
    const classes = [{ id: streamId, layoutClassList: ['full'] }];
    expect((await viaCallback((done) => opentok.setStreamClassLists(sessionId, classes, done)))[0]).toBeNull();
    expect((await opentok.getStream(sessionId, streamId)).layoutClassList).toEqual(['full']);
    expect((await viaCallback((done) => opentok.forceMuteStream(sessionId, streamId, done)))[0]).toBeNull();
    expect(
      (await viaCallback((done) => opentok.forceMuteAll(sessionId, { excludedStreamIds: [streamId] }, done)))[0],
    ).toBeNull();
    await opentok.forceMuteAll(sessionId);
    expect((await viaCallback((done) => opentok.disableForceMute(sessionId, done)))[0]).toBeNull();
    expect((await viaCallback((done) => opentok.forceDisconnect(sessionId, connectionId, done)))[0]).toBeNull();
    await expect(opentok.forceDisconnect(sessionId, connectionId)).rejects.toThrow(/^Session or Connection not found/);
  });
});

describe('connectors and callbacks', () => {
  it('dial and playDTMF', async () => {
    const { sessionId } = await routedWithPublisher();
    const [dialError, call] = await viaCallback((done) =>
      opentok.dial(
        sessionId,
        opentok.generateToken(sessionId),
        'sip:+15551234567@sip.example.com',
        { from: '15557654321@example.com' },
        done,
      ),
    );
    expect(dialError).toBeNull();
    expect(call).toBeInstanceOf(SipInterconnect);
    const sip = call as InstanceType<typeof SipInterconnect>;
    expect((await viaCallback((done) => opentok.playDTMF(sessionId, sip.connectionId, '1234#', done)))[0]).toBeNull();
    await opentok.playDTMF(sessionId, null, '9');
    const other = await opentok.dial(sessionId, opentok.generateToken(sessionId), 'sip:+15550000000@sip.example.com');
    expect(other).toBeInstanceOf(SipInterconnect);
  });

  it('renders: start, get, list, stop', async () => {
    const { sessionId } = await routedWithPublisher();
    const token = opentok.generateToken(sessionId);
    const [startError, started] = await viaCallback((done) =>
      opentok.startRender({ sessionId, token, url: pageUrl }, done),
    );
    expect(startError).toBeNull();
    expect(started).toBeInstanceOf(Render);
    const render = started as InstanceType<typeof Render>;
    expect(await opentok.getRender(render.id)).toBeInstanceOf(Render);
    const [listError, page] = await viaCallback((done) => opentok.listRenders({}, done));
    expect(listError).toBeNull();
    expect((page as { items: unknown[] }).items.some((item) => (item as { id: string }).id === render.id)).toBe(true);
    expect(() => opentok.listRenders({ count: 1001 })).toThrow(/^Count is out of range/);
    expect((await viaCallback((done) => opentok.stopRender(render.id, done)))[0]).toBeNull();
  });

  it('captions and websocketConnect', async () => {
    const { sessionId } = await routedWithPublisher();
    const token = opentok.generateToken(sessionId, { role: 'moderator' });
    const [startError, captionsId] = await viaCallback((done) => opentok.startCaptions(sessionId, token, {}, done));
    expect(startError).toBeNull();
    expect(typeof captionsId).toBe('string');
    const [again] = await viaCallback((done) => opentok.startCaptions(sessionId, token, {}, done));
    expect(again!.message).toMatch(/^Live captions have already started for this OpenTok Session/);
    expect(await viaCallback((done) => opentok.stopCaptions(captionsId as string, done))).toEqual([null, true]);
    const [connectError] = await viaCallback((done) =>
      opentok.websocketConnect(sessionId, token, 'ws://127.0.0.1:9/audio', done),
    );
    // Nothing listens there: the emulator refuses or accepts, but the wording is 2.x's either way.
    if (connectError) expect(connectError.message).toMatch(/^Error connecting to websocket:/);
  });

  it('registerCallback, listCallbacks, unregisterCallback', async () => {
    const [registerError, registered] = await viaCallback((done) =>
      opentok.registerCallback({ group: 'archive', event: 'status', url: 'https://example.com/archive' }, done),
    );
    expect(registerError).toBeNull();
    expect(registered).toBeInstanceOf(Callback);
    const [listError, callbacks] = await viaCallback((done) => opentok.listCallbacks(done));
    expect(listError).toBeNull();
    expect((callbacks as unknown[]).every((item) => item instanceof Callback)).toBe(true);
    expect(
      (await viaCallback((done) => opentok.unregisterCallback((registered as { id: string }).id, done)))[0],
    ).toBeNull();
    const again = await opentok.registerCallback({
      group: 'connection',
      event: 'created',
      url: 'https://example.com/c',
    });
    expect((await opentok.listCallbacks()).map((item) => item.id)).toContain(again.id);
    await again.unregister();
  });
});

describe('the differences the README migration table lists', () => {
  it('no callback: a promise instead of "No callback given"', async () => {
    const listed = opentok.listArchives();
    expect(listed).toBeInstanceOf(Promise);
    expect(Array.isArray(await listed)).toBe(true);
  });

  it('the secret is no property, and never shows', () => {
    const secret = emulator.projects[0]!.apiSecret;
    expect((opentok as unknown as { apiSecret?: string }).apiSecret).toBeUndefined();
    expect(JSON.stringify(opentok)).not.toContain(secret);
    expect(require('node:util').inspect(opentok, { depth: 5, showHidden: true })).not.toContain(secret);
  });

  it('timeout is applied: a server that never answers fails the call with a TimeoutError', async () => {
    const { createServer } = await import('node:http');
    const silent = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as import('node:net').AddressInfo;
    try {
      const slow = new OpenTok(apiKey, emulator.projects[0]!.apiSecret, {
        apiUrl: `http://127.0.0.1:${port}`,
        timeout: 200,
      });
      const [error] = await viaCallback((done) => slow.createSession({}, done));
      expect(error).toBeInstanceOf(OpenTok.TimeoutError);
      expect(error!.message).toMatch(/^Failed to createSession\./);
    } finally {
      silent.closeAllConnections();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('generateToken refuses an expireTime more than 30 days ahead, and data over 1000 characters', async () => {
    const { sessionId } = await opentok.createSession();
    const later = Math.round(Date.now() / 1000) + 31 * 24 * 3600;
    expect(() => opentok.generateToken(sessionId, { expireTime: later })).toThrow(InvalidArgumentError);
    expect(() => opentok.generateToken(sessionId, { data: 'x'.repeat(1001) })).toThrow(InvalidArgumentError);
  });
});
