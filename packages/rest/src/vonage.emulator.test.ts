/**
 * Vonage application mode (`{ applicationId, privateKey }`) against the emulator over real
 * HTTP: `Authorization: Bearer <RS256 JWT>`, the same operations and typed results as a
 * project's (`projectId` filled from the `applicationId` answers), and the redaction of the
 * private key and the Bearer token.
 */
import { createApplicationKeys, startEmulator } from '@opentok/emulator';
import { decodeRestToken, generateToken, InvalidArgumentError } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createClient } from './client.js';
import { AuthenticationError, NotFoundError } from './errors.js';

const keys = createApplicationKeys();
const { applicationId, privateKey } = keys;

let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
beforeAll(async () => {
  emulator = await startEmulator({ applications: [keys], archiveProcessingMs: 0, log: () => {} });
  client = createClient({ applicationId, privateKey, apiUrl: emulator.url, retry: 0 });
});
afterAll(async () => {
  await emulator?.close();
});

async function liveSession(): Promise<{ sessionId: string; streamId: string }> {
  const { sessionId } = await client.sessions.create({ mediaMode: 'routed' });
  const joined = await emulator.connect(sessionId, generateToken({ applicationId, privateKey }, sessionId), {
    publish: true,
  });
  return { sessionId, streamId: joined.streamId ?? '' };
}

describe('a Vonage application against the emulator', () => {
  it('defaults to video.api.vonage.com and refuses mixed or malformed credentials', () => {
    expect(createClient({ applicationId, privateKey }).apiUrl).toBe('https://video.api.vonage.com');
    expect(client.applicationId).toBe(applicationId);
    expect(client.apiKey).toBe(applicationId);
    expect(() => createClient({ applicationId, privateKey, apiKey: '123456' })).toThrow(InvalidArgumentError);
    expect(() => createClient({ applicationId: '123456', privateKey })).toThrow(/UUID/);
    expect(() => createClient({ applicationId, privateKey: 'secret' })).toThrow(/PEM/);
  });

  it('sends a Bearer RS256 JWT with application_id, iat, exp and jti', async () => {
    const seen: string[] = [];
    const watched = createClient({
      applicationId,
      privateKey,
      apiUrl: emulator.url,
      fetch: (url, init) => {
        seen.push(new Headers(init.headers).get('authorization') ?? '');
        return fetch(url, init);
      },
    });
    await watched.sessions.create();
    const [authorization = ''] = seen;
    expect(authorization).toMatch(/^Bearer eyJ/);
    const claims = decodeRestToken(authorization.slice(7));
    expect(claims).toMatchObject({ applicationId, jti: expect.any(String) });
    expect(claims.expireTime - (claims.issuedAt ?? 0)).toBe(300);
  });

  it('creates sessions whose IDs carry the application ID', async () => {
    const { sessionId } = await client.sessions.create();
    expect(sessionId).toMatch(/^[12]_/);
    expect(Buffer.from(sessionId.slice(2), 'base64url').toString()).toContain(applicationId);
  });

  it('runs every archive operation, projectId filled from applicationId', async () => {
    const { sessionId, streamId } = await liveSession();
    const started = await client.archives.start(sessionId, {
      name: 'vonage',
      outputMode: 'composed',
      streamMode: 'manual',
    });
    expect(started).toMatchObject({ sessionId, status: 'started', projectId: applicationId });
    expect(await client.archives.get(started.id)).toMatchObject({ id: started.id, projectId: applicationId });
    const page = await client.archives.list({ sessionId });
    expect(page.items.map((archive) => archive.projectId)).toEqual([applicationId]);
    const all: string[] = [];
    for await (const archive of client.archives.all({ sessionId })) all.push(archive.id);
    expect(all).toEqual([started.id]);
    await client.archives.setLayout(started.id, { type: 'bestFit' });
    await client.archives.addStream(started.id, streamId);
    await client.archives.removeStream(started.id, streamId);
    expect(await client.archives.stop(started.id)).toMatchObject({ status: 'stopped', projectId: applicationId });
    await client.archives.delete(started.id);
    expect((await client.archives.get(started.id)).status).toBe('deleted');
    await expect(client.archives.get('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('runs every broadcast operation, projectId filled from applicationId', async () => {
    const { sessionId, streamId } = await liveSession();
    const started = await client.broadcasts.start(sessionId, { outputs: { hls: {} }, streamMode: 'manual' });
    expect(started).toMatchObject({ sessionId, status: 'started', projectId: applicationId });
    expect(await client.broadcasts.get(started.id)).toMatchObject({ id: started.id, projectId: applicationId });
    expect((await client.broadcasts.list({ sessionId })).items.map((item) => item.id)).toEqual([started.id]);
    await client.broadcasts.setLayout(started.id, { type: 'pip' });
    await client.broadcasts.addStream(started.id, streamId);
    await client.broadcasts.removeStream(started.id, streamId);
    expect(await client.broadcasts.stop(started.id)).toMatchObject({ status: 'stopped', projectId: applicationId });
  });

  it('is refused with another key pair, and never shows the private key or the Bearer token', async () => {
    const impostor = createClient({
      applicationId,
      privateKey: createApplicationKeys().privateKey,
      apiUrl: emulator.url,
      retry: 0,
    });
    const error = await impostor.sessions.create().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const shown = `${(error as Error).message} ${JSON.stringify(error)} ${(error as Error).stack}`;
    for (const line of privateKey.split('\n').filter((part) => part.length >= 16)) expect(shown).not.toContain(line);
    expect(shown).not.toMatch(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/);
  });

  it('refuses the OpenTok 1.0 archive API, which takes a project', async () => {
    await expect(client.legacy.getArchiveManifest('00000000-0000-4000-8000-000000000000')).rejects.toThrow(
      /OpenTok 1.0 archive API takes a project/,
    );
  });
});
