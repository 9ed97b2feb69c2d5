/**
 * Transcription of archives over real HTTP: an individual archive started with
 * `hasTranscription` shows `transcription` in start, get, list and callbacks, its status moving
 * `requested` → `started` → `available` with a transcript to download; a composed or audio-less
 * archive with transcription, and properties without it, get 400.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, call, connect, createSession, emulator } from '../test/support.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function until<T>(check: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 500; attempt++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('archive transcription', () => {
  it('moves requested → started → available, in get, list and callbacks, with a transcript to download', async () => {
    const received: Array<Record<string, unknown>> = [];
    const hook = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    closers.push(() => {
      hook.closeAllConnections();
      return new Promise((resolve) => hook.close(() => resolve()));
    });
    const hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}`;
    const { url } = await emulator({ callbackUrl: { archive: hookUrl } });
    const sessionId = await createSession(url);
    const joined = await connect(url, sessionId);
    const started = await call('POST', `${url}/v2/project/${API_KEY}/archive`, {
      sessionId,
      outputMode: 'individual',
      hasTranscription: true,
      transcriptionProperties: { primaryLanguageCode: 'es-ES', hasSummary: true },
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({
      hasTranscription: true,
      transcription: { status: 'requested', url: null, reason: null, primaryLanguageCode: 'es-ES', hasSummary: true },
    });
    const id = started.body.id as string;
    const stopped = await call('POST', `${url}/v2/project/${API_KEY}/archive/${id}/stop`);
    expect(stopped.body.transcription.status).toMatch(/^(requested|started)$/);
    const ready = await until(async () => {
      const { body } = await call('GET', `${url}/v2/project/${API_KEY}/archive/${id}`);
      return body.transcription.status === 'available' ? body : undefined;
    }, 'an available transcript');
    expect(ready.transcription.url).toBe(`${url}/_emulator/media/${id}/transcription.json`);
    const list = await call('GET', `${url}/v2/project/${API_KEY}/archive?sessionId=${encodeURIComponent(sessionId)}`);
    expect(list.body.items[0]).toMatchObject({ id, hasTranscription: true, transcription: { status: 'available' } });
    const transcript = await call('GET', ready.transcription.url);
    expect(transcript.status).toBe(200);
    expect(transcript.body).toMatchObject({
      archiveId: id,
      sessionId,
      primaryLanguageCode: 'es-ES',
      streams: [
        { streamId: joined.body.streamId, transcript: [{ startOffset: expect.any(Number), text: expect.any(String) }] },
      ],
      summary: expect.any(String),
    });
    const last = await until(
      () => received.find((body) => (body.transcription as { status?: string } | undefined)?.status === 'available'),
      'the archive callback with the transcript',
    );
    expect(last).toMatchObject({
      event: 'archive',
      id,
      status: 'available',
      transcription: { url: ready.transcription.url },
    });
    const statuses = received.map((body) => `${body.status}/${(body.transcription as { status: string }).status}`);
    expect(statuses[0]).toBe('started/requested');
    expect(statuses.at(-1)).toBe('available/available');
  });

  it('refuses composed and audio-less archives with transcription, and properties without it', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    for (const body of [
      { hasTranscription: true },
      { hasTranscription: true, outputMode: 'composed' },
      { hasTranscription: true, outputMode: 'individual', hasAudio: false },
      { outputMode: 'individual', transcriptionProperties: { hasSummary: true } },
      { hasTranscription: true, outputMode: 'individual', transcriptionProperties: { primaryLanguageCode: 'english' } },
      { hasTranscription: true, outputMode: 'individual', transcriptionProperties: { other: 1 } },
      { hasTranscription: 'yes', outputMode: 'individual' },
    ]) {
      const answer = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId, ...body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
    // Without transcription, nothing changes.
    const plain = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId, outputMode: 'individual' });
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('transcription');
    expect(plain.body).not.toHaveProperty('hasTranscription');
    const missing = await call('GET', `${url}/_emulator/media/${plain.body.id}/transcription.json`);
    expect(missing.status).toBe(404);
  });
});
