import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { decodeSessionId, InvalidArgumentError, NotFoundError, OpenTok, OpenTokArchive, OpenTokSDK } from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join, recordArchive, sessionState } from './emulator-helpers.js';

let emulator: RunningEmulator;
let sdk: OpenTokSDK;
let apiKey: string;
let archived: Awaited<ReturnType<typeof recordArchive>>;

const created = (run: (done: (error: Error | null, sessionId?: string) => void) => void) =>
  new Promise<{ error: Error | null; sessionId: string | undefined }>((resolve) =>
    run((error, sessionId) => resolve({ error, sessionId })),
  );

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  const [project] = emulator.projects;
  apiKey = project.apiKey;
  sdk = new OpenTokSDK(project.apiKey, project.apiSecret, { apiUrl: emulator.url, timeout: 5000 });
  archived = await recordArchive(
    new OpenTok(project.apiKey, project.apiSecret, { apiUrl: emulator.url }),
    emulator.url,
  );
});

afterAll(async () => {
  await emulator?.close();
});

describe('OpenTokSDK.createSession against the emulator', () => {
  it('takes its four call forms', async () => {
    const forms = [
      await created((done) => sdk.createSession(done)),
      await created((done) => sdk.createSession('10.0.0.7', done)),
      await created((done) => sdk.createSession({ 'p2p.preference': 'enabled' }, done)),
      await created((done) => sdk.createSession('10.0.0.8', { 'p2p.preference': 'disabled' }, done)),
    ];
    const states = [];
    for (const { error, sessionId } of forms) {
      expect(error).toBeNull();
      expect(decodeSessionId(sessionId!).apiKey).toBe(apiKey);
      states.push(await sessionState(emulator.url, sessionId!));
    }
    expect(states.map(({ mediaMode, location }) => [mediaMode, location])).toEqual([
      ['routed', null],
      ['routed', '10.0.0.7'],
      ['relayed', null],
      ['routed', '10.0.0.8'],
    ]);
  });

  it('resolves a promise when no callback is given', async () => {
    const sessionId = await sdk.createSession({ 'p2p.preference': 'enabled' });
    expect((await sessionState(emulator.url, sessionId)).mediaMode).toBe('relayed');
  });

  it('hands a refused request to the callback as a typed error', async () => {
    const wrong = new OpenTokSDK(apiKey, 'wrong-secret', emulator.url);
    const { error, sessionId } = await created((done) => wrong.createSession(done));
    expect(sessionId).toBeUndefined();
    expect(error?.name).toBe('AuthenticationError');
    expect(error?.message).not.toContain('wrong-secret');
  });

  it('hands a location the service refuses to the callback', async () => {
    const { error } = await created((done) => sdk.createSession('not an address', done));
    expect(error).toBeInstanceOf(InvalidArgumentError);
  });
});

describe('OpenTokSDK tokens against the emulator', () => {
  it('signs T1 tokens per role that the emulator admits', async () => {
    const sessionId = await sdk.createSession();
    for (const role of Object.values(sdk.RoleConstants)) {
      const token = sdk.generateToken({ session_id: sessionId, role, connection_data: role });
      expect(token.startsWith('T1==')).toBe(true);
      expect((await join(emulator.url, sessionId, token, role !== 'subscriber')).status).toBe(201);
    }
    const subscriber = sdk.generateToken(sessionId, { role: 'subscriber' });
    expect((await join(emulator.url, sessionId, subscriber, true)).status).toBe(403);
  });
});

describe('OpenTokSDK.getArchiveManifest against the emulator', () => {
  const token = () => sdk.generateToken({ session_id: archived.sessionId, role: sdk.RoleConstants.MODERATOR });

  it('gives a one-parameter handler an OpenTokArchive whose URL handler works', async () => {
    const tbarchive = await new Promise<OpenTokArchive>((resolve) => {
      sdk.getArchiveManifest(archived.archive.id, token(), (found: OpenTokArchive) => resolve(found));
    });
    expect(tbarchive).toBeInstanceOf(OpenTokArchive);
    expect(tbarchive.archiveId).toBe(archived.archive.id);
    const videoId = tbarchive.resources[0].getId();
    expect(tbarchive.resources[0].vid).toBe(videoId);
    expect(tbarchive.timeline[0]).toMatchObject({ id: videoId });
    const url = await new Promise<string>((resolve) =>
      tbarchive.downloadArchiveURL(videoId, (found: string) => resolve(found)),
    );
    expect((await fetch(url)).status).toBe(200);
  });

  it('signs its own moderator token when given none, and also returns a promise', async () => {
    const tbarchive = await sdk.getArchiveManifest(archived.archive.id, '');
    expect(tbarchive.resources).toHaveLength(1);
    await expect(tbarchive.downloadArchiveURL(tbarchive.resources[0].getId())).resolves.toMatch(/\.flv$/);
  });

  it('gives (err) to a two-parameter handler', async () => {
    const error = await new Promise((resolve) =>
      sdk.getArchiveManifest(
        '00000000-0000-4000-8000-000000000000',
        token(),
        (failure: Error | null, _archive?: OpenTokArchive) => resolve(failure),
      ),
    );
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it('rejects the returned promise, and never calls a one-parameter handler, on failure', async () => {
    let called = false;
    const returned = sdk.getArchiveManifest(
      '00000000-0000-4000-8000-000000000000',
      token(),
      (_archive: OpenTokArchive) => {
        called = true;
      },
    );
    await expect(returned).rejects.toBeInstanceOf(NotFoundError);
    expect(called).toBe(false);
  });

  it('refuses a forged token (the emulator checks its signature)', async () => {
    const forged = new OpenTokSDK(apiKey, 'some-other-secret', emulator.url).generateToken({
      session_id: archived.sessionId,
      role: 'moderator',
    });
    await expect(sdk.getArchiveManifest(archived.archive.id, forged)).rejects.toMatchObject({
      name: 'AuthenticationError',
    });
  });
});
