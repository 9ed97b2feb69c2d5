/**
 * Vonage application mode end to end: the official `opentok` 2.23 client (aliased
 * `official-opentok`) switched to it as it does itself (a UUID key and a
 * `-----BEGIN PRIVATE KEY` secret), and our `opentok`, both against `@opentok/emulator` over
 * real HTTP; our RS256 tokens checked by `jsonwebtoken` (the official client's own
 * dependency, resolved from it) and by `crypto.verify`.
 */
import { verify } from 'node:crypto';
import { createRequire } from 'node:module';
import { createApplicationKeys, type RunningEmulator, startEmulator } from '@opentok/emulator';
import { decodeSessionId, encodeSessionId, generateRestToken, generateToken, verifyToken } from '@opentok/token';
import OpenTok from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const officialPath = require.resolve('official-opentok');
const jwt = createRequire(officialPath)('jsonwebtoken') as {
  verify(token: string, key: string, options: { algorithms: string[] }): Record<string, unknown>;
};

type Callback<T> = (error: Error | null, result?: T) => void;
interface OfficialOpenTok {
  createSession(options: Record<string, string>, callback: Callback<{ sessionId: string }>): void;
  generateToken(sessionId: string, options?: Record<string, unknown>): string;
  startArchive(
    sessionId: string,
    options: Record<string, unknown>,
    callback: Callback<{ id: string; status: string }>,
  ): void;
  getArchive(archiveId: string, callback: Callback<{ id: string; status: string }>): void;
  listArchives(options: Record<string, unknown>, callback: Callback<Array<{ id: string }>>): void;
  stopArchive(archiveId: string, callback: Callback<{ id: string; status: string }>): void;
  deleteArchive(archiveId: string, callback: Callback<void>): void;
}
const Official = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
  options: { apiUrl: string },
) => OfficialOpenTok;

function succeed<T>(start: (callback: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) =>
    start((error, result) => (error ? reject(new Error(`official client: ${error.message}`)) : resolve(result as T))),
  );
}

const keys = createApplicationKeys();
const { applicationId, privateKey, publicKey } = keys;
let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ applications: [keys], archiveProcessingMs: 20, log: () => {} });
});
afterAll(async () => {
  await emulator?.close();
});

describe('RS256 tokens read by other implementations', () => {
  it('jsonwebtoken and crypto.verify accept our client and REST tokens with the public key', () => {
    const sessionId = encodeSessionId({ applicationId });
    const token = generateToken({ applicationId, privateKey }, sessionId, { role: 'moderator', data: 'userId:42' });
    const claims = jwt.verify(token, publicKey, { algorithms: ['RS256'] });
    expect(claims).toMatchObject({ application_id: applicationId, session_id: sessionId, role: 'moderator' });
    expect(() => jwt.verify(token, publicKey, { algorithms: ['HS256'] })).toThrow();
    const rest = generateRestToken({ applicationId, privateKey });
    expect(jwt.verify(rest, publicKey, { algorithms: ['RS256'] })).toMatchObject({ application_id: applicationId });
    const dot = rest.lastIndexOf('.');
    expect(
      verify('sha256', Buffer.from(rest.slice(0, dot)), publicKey, Buffer.from(rest.slice(dot + 1), 'base64url')),
    ).toBe(true);
  });
});

describe('the official opentok 2.23 client in Vonage mode against the emulator', () => {
  it('creates a session, signs a token the emulator admits, and runs the archive calls', async () => {
    const official = new Official(applicationId, privateKey, { apiUrl: emulator.url });
    const { sessionId } = await succeed<{ sessionId: string }>((done) =>
      official.createSession({ mediaMode: 'routed' }, done),
    );
    expect(decodeSessionId(sessionId).applicationId).toBe(applicationId);
    const token = official.generateToken(sessionId, { role: 'publisher' });
    expect(verifyToken(token, { applicationId, publicKey })).toMatchObject({ applicationId, role: 'publisher' });
    await emulator.connect(sessionId, token, { publish: true });
    const archive = await succeed<{ id: string; status: string }>((done) => official.startArchive(sessionId, {}, done));
    expect(archive.status).toBe('started');
    expect((await succeed<{ id: string }>((done) => official.getArchive(archive.id, done))).id).toBe(archive.id);
    const list = await succeed<Array<{ id: string }>>((done) => official.listArchives({ sessionId }, done));
    expect(list.map((item) => item.id)).toEqual([archive.id]);
    expect((await succeed<{ status: string }>((done) => official.stopArchive(archive.id, done))).status).toBe(
      'stopped',
    );
    // Stopped, then available once processed (archiveProcessingMs): only then deletable.
    for (let status = 'stopped'; status !== 'available'; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await succeed<{ status: string }>((done) => official.getArchive(archive.id, done))).status;
    }
    await succeed<void>((done) => official.deleteArchive(archive.id, done));
  });

  it('is refused with another key pair for the same application ID', async () => {
    const impostor = new Official(applicationId, createApplicationKeys().privateKey, { apiUrl: emulator.url });
    await expect(succeed((done) => impostor.createSession({}, done))).rejects.toThrow();
  });
});

describe('our opentok in Vonage mode against the emulator', () => {
  it('detects (applicationId, privateKey) as 2.23 does', async () => {
    for (const opentok of [new OpenTok(applicationId, privateKey, { apiUrl: emulator.url })]) {
      expect(opentok.applicationId).toBe(applicationId);
      const { sessionId } = await opentok.sessions.create({ mediaMode: 'routed' });
      const token = opentok.generateToken(sessionId, { role: 'moderator' });
      expect(jwt.verify(token, publicKey, { algorithms: ['RS256'] })).toMatchObject({ application_id: applicationId });
      await emulator.connect(sessionId, token, { publish: true });
      const archive = await opentok.archives.start(sessionId);
      expect(archive).toMatchObject({ projectId: applicationId, status: 'started' });
      await opentok.archives.stop(archive.id);
    }
    expect(new OpenTok(applicationId, privateKey).apiUrl).toBe('https://video.api.vonage.com');
  });
});
