import { type RunningEmulator, startEmulator } from '@opentok/emulator';
import { OpenTok, OpenTokSDK } from 'opentok';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// This file changes process.env, so it has a file (and a worker) of its own.
let emulator: RunningEmulator;
const previous = process.env.OPENTOK_API_URL;

beforeAll(async () => {
  emulator = await startEmulator({ host: '127.0.0.1', port: 0 });
  process.env.OPENTOK_API_URL = emulator.url;
});

afterAll(async () => {
  if (previous === undefined) delete process.env.OPENTOK_API_URL;
  else process.env.OPENTOK_API_URL = previous;
  await emulator?.close();
});

describe('OPENTOK_API_URL', () => {
  it('is where both front doors go when no URL is given', async () => {
    const [{ apiKey, apiSecret }] = emulator.projects;
    const modern = new OpenTok(apiKey, apiSecret);
    expect(modern.client.apiUrl).toBe(emulator.url);
    expect((await modern.createSession()).apiKey).toBe(apiKey);
    const legacy = new OpenTokSDK(apiKey, apiSecret);
    const sessionId = await new Promise<string>((resolve, reject) =>
      legacy.createSession((error, id) => (error ? reject(error) : resolve(id!))),
    );
    expect(sessionId).toMatch(/^[12]_/);
  });

  it('yields to an explicit URL', () => {
    const [{ apiKey, apiSecret }] = emulator.projects;
    expect(new OpenTok(apiKey, apiSecret, { apiUrl: 'http://127.0.0.1:9' }).client.apiUrl).toBe('http://127.0.0.1:9');
  });
});
