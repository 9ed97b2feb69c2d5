import {
  type Archive,
  AuthenticationError,
  ConflictError,
  createClient,
  InvalidRequestError,
  NotFoundError,
} from '@opentok/rest';
import { describe, expect, it } from 'vitest';
import { API_KEY, eventually, useEmulator } from './emulator-fixture.js';

const emulator = useEmulator();

async function recordingSession(): Promise<{ sessionId: string; streamId: string }> {
  const { sessionId } = await emulator.client().createSession({ mediaMode: 'routed' });
  const { streamId } = await emulator.join(sessionId);
  return { sessionId, streamId: streamId! };
}

describe('archives against the emulator', () => {
  it('starts, reads, lists, lays out, stops and deletes an archive', async () => {
    const client = emulator.client();
    const { sessionId } = await recordingSession();
    const started = await client.archives.start(sessionId, {
      name: 'lifecycle',
      outputMode: 'composed',
      resolution: '1280x720',
      layout: { type: 'bestFit', screenshareType: 'pip' },
    });
    expect(started).toMatchObject({
      status: 'started',
      name: 'lifecycle',
      sessionId,
      projectId: API_KEY,
      partnerId: API_KEY,
      outputMode: 'composed',
      hasAudio: true,
      hasVideo: true,
      resolution: '1280x720',
      url: null,
    });
    expect(typeof started.createdAt).toBe('number');
    expect(await client.archives.get(started.id)).toMatchObject({ id: started.id, status: 'started' });

    await client.archives.setLayout(started.id, { type: 'custom', stylesheet: 'stream.focus { width: 100%; }' });
    await client.archives.setLayout(started.id, { type: 'pip' });

    const page = await client.archives.list({ sessionId });
    expect(page.count).toBe(1);
    expect(page.items.map((item) => item.id)).toEqual([started.id]);

    const stopped = await client.archives.stop(started.id);
    expect(stopped.status).toBe('stopped');
    const available = await eventually(async () => {
      const archive = await client.archives.get(started.id);
      return archive.status === 'available' ? archive : undefined;
    });
    expect(available.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(available.duration).toBeGreaterThanOrEqual(0);

    await client.archives.delete(started.id);
    expect((await client.archives.get(started.id)).status).toBe('deleted');
  });

  it('adds and removes streams of an archive in manual stream mode', async () => {
    const client = emulator.client();
    const { sessionId, streamId } = await recordingSession();
    const archive = await client.archives.start(sessionId, { streamMode: 'manual', hasVideo: true });
    expect(archive.streamMode).toBe('manual');
    await client.archives.addStream(archive.id, streamId, { hasAudio: true, hasVideo: false });
    const withStream = await client.archives.get(archive.id);
    expect(withStream.streams).toEqual([{ streamId, hasAudio: true, hasVideo: false }]);
    await client.archives.removeStream(archive.id, streamId);
    expect((await client.archives.get(archive.id)).streams ?? []).toEqual([]);
    await client.archives.stop(archive.id);
  });

  it('walks every page with the async iterator', async () => {
    const client = emulator.client();
    const { sessionId } = await recordingSession();
    const ids: string[] = [];
    for (let index = 0; index < 5; index++) {
      const archive = await client.archives.start(sessionId, { multiArchiveTag: `tag-${index}` });
      ids.push(archive.id);
    }
    const seen: Archive[] = [];
    for await (const archive of client.archives.all({ sessionId, pageSize: 2 })) seen.push(archive);
    expect(seen.map((archive) => archive.id).sort()).toEqual([...ids].sort());
    const page = await client.archives.list({ sessionId, offset: 4, count: 2 });
    expect(page).toMatchObject({ count: 5 });
    expect(page.items).toHaveLength(1);
    for (const id of ids) await client.archives.stop(id);
  });

  it('maps the service errors to typed errors carrying status, method, path and message', async () => {
    const client = emulator.client();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await client.archives.get(unknown).catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(NotFoundError);
    expect(missing).toMatchObject({
      status: 404,
      method: 'GET',
      path: `/v2/project/${API_KEY}/archive/${unknown}`,
    });
    expect((missing as NotFoundError).serviceMessage).toBeTruthy();

    const { sessionId: lonely } = await client.createSession({ mediaMode: 'routed' });
    await expect(client.archives.start(lonely)).rejects.toBeInstanceOf(NotFoundError);

    const { sessionId, streamId } = await recordingSession();
    const archive = await client.archives.start(sessionId);
    await expect(client.archives.start(sessionId)).rejects.toBeInstanceOf(ConflictError);
    await expect(client.archives.addStream(archive.id, streamId)).rejects.toMatchObject({
      name: 'InvalidRequestError',
      status: 405,
    });
    await expect(client.archives.delete(archive.id)).rejects.toBeInstanceOf(ConflictError);
    await client.archives.stop(archive.id);
    const again = await client.archives.stop(archive.id).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(ConflictError);
    expect(again).toMatchObject({
      status: 409,
      method: 'POST',
      path: `/v2/project/${API_KEY}/archive/${archive.id}/stop`,
    });

    const { sessionId: relayed } = await client.createSession({ mediaMode: 'relayed' });
    await emulator.join(relayed);
    await expect(client.archives.start(relayed)).rejects.toBeInstanceOf(ConflictError);
  });

  it('raises InvalidRequestError for what the service refuses as malformed', async () => {
    const client = emulator.client();
    const error = await client.archives.get('not-a-uuid').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({ status: 400, method: 'GET', serviceMessage: 'Invalid archive ID.' });
  });

  it('raises AuthenticationError for a project the emulator does not know', async () => {
    const client = createClient({ apiKey: '999', apiSecret: 'unknown', apiUrl: emulator.url, retry: 0 });
    const error = await client.archives.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403, serviceMessage: 'Issuer not found' });
  });
});
