/**
 * Archive transcription end to end with the emulator: `client.archives.start` with
 * `hasTranscription` and `transcriptionProperties` (refused as unknown keys before), the
 * `transcription` object in start, get, list and the archive callbacks as `parseCallback` reads
 * them, the transcript downloaded once `available`; the combinations the service refuses are
 * refused before sending, and the emulator answers them with 400.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '@opentok/emulator';
import { generateToken, InvalidArgumentError } from '@opentok/token';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArchiveCallback, parseCallback } from './callbacks.js';
import { type Client, createClient } from './client.js';

const API_KEY = '123456';
const API_SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

const received: ArchiveCallback[] = [];
let emulator: Awaited<ReturnType<typeof startEmulator>>;
let client: Client;
let hook: Server;
let sessionId: string;

beforeAll(async () => {
  hook = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const callback = parseCallback(Buffer.concat(chunks));
      if (callback.event === 'archive') received.push(callback);
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
  emulator = await startEmulator({
    projects: [{ apiKey: API_KEY, apiSecret: API_SECRET }],
    callbackUrl: { archive: `http://127.0.0.1:${(hook.address() as AddressInfo).port}` },
    archiveProcessingMs: 0,
    log: () => {},
  });
  client = createClient({ apiKey: API_KEY, apiSecret: API_SECRET, apiUrl: emulator.url, retry: 0 });
  ({ sessionId } = await client.sessions.create({ mediaMode: 'routed' }));
  await emulator.connect(sessionId, generateToken({ apiKey: API_KEY, apiSecret: API_SECRET }, sessionId), {
    publish: true,
  });
});
afterAll(async () => {
  await emulator?.close();
  hook?.closeAllConnections();
  await new Promise((resolve) => hook?.close(resolve));
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
  it('starts an individual archive with transcription and reads the transcript once available', async () => {
    const started = await client.archives.start(sessionId, {
      outputMode: 'individual',
      hasTranscription: true,
      transcriptionProperties: { primaryLanguageCode: 'pt-BR', hasSummary: true },
    });
    expect(started.hasTranscription).toBe(true);
    expect(started.transcription).toEqual({
      status: 'requested',
      url: null,
      reason: null,
      primaryLanguageCode: 'pt-BR',
      hasSummary: true,
    });
    await client.archives.stop(started.id);
    const ready = await until(async () => {
      const archive = await client.archives.get(started.id);
      return archive.transcription?.status === 'available' ? archive : undefined;
    }, 'an available transcription');
    expect(ready.transcription?.url).toMatch(/\/transcription\.json$/);
    const page = await client.archives.list({ sessionId });
    expect(page.items.find(({ id }) => id === started.id)?.transcription?.status).toBe('available');
    const transcript = (await (await fetch(ready.transcription?.url as string)).json()) as Record<string, unknown>;
    expect(transcript).toMatchObject({
      archiveId: started.id,
      primaryLanguageCode: 'pt-BR',
      summary: expect.any(String),
    });
    const last = await until(
      () => received.find(({ id, transcription }) => id === started.id && transcription?.status === 'available'),
      'the callback of the transcript',
    );
    expect(last).toMatchObject({
      status: 'available',
      hasTranscription: true,
      transcription: { url: ready.transcription?.url },
    });
    expect(received.filter(({ id }) => id === started.id)[0]?.transcription?.status).toBe('requested');
  });

  it.each([
    [{ hasTranscription: true }],
    [{ hasTranscription: true, outputMode: 'composed' }],
    [{ hasTranscription: true, outputMode: 'individual', hasAudio: false }],
    [{ outputMode: 'individual', transcriptionProperties: { hasSummary: true } }],
    [{ hasTranscription: true, outputMode: 'individual', transcriptionProperties: { primaryLanguageCode: 'english' } }],
    [{ hasTranscription: true, outputMode: 'individual', transcriptionProperties: { language: 'en-US' } }],
    [{ hasTranscription: 'true', outputMode: 'individual' }],
  ])('refuses %j before sending', async (options) => {
    await expect(client.archives.start(sessionId, options as never)).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('the emulator answers 400 as the service does for what the client refuses', async () => {
    for (const body of [
      { hasTranscription: true, outputMode: 'composed' },
      { hasTranscription: true, outputMode: 'individual', hasAudio: false },
    ]) {
      const response = await fetch(`${emulator.url}/v2/project/${API_KEY}/archive`, {
        method: 'POST',
        headers: {
          'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify({ sessionId, ...body }),
      });
      expect(response.status).toBe(400);
      expect(await response.text()).toMatch(/individual|audio/);
    }
  });
});
