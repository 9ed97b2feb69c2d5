import { decodeToken, encodeSessionId, verifyToken } from '@opentok/token';
import { Miniflare } from 'miniflare';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleWorker } from '../build.js';

// The worker runs in real workerd (through miniflare), from the same bundle `pnpm build` writes.
const apiKey = '123456';
const apiSecret = '1234567890abcdef1234567890abcdef1234567890';
const sessionId = encodeSessionId({ apiKey });
let worker;
let bundle;

beforeAll(async () => {
  bundle = await bundleWorker({ write: false });
  worker = new Miniflare({
    modules: true,
    script: bundle,
    compatibilityDate: '2025-07-18',
    bindings: { OPENTOK_API_KEY: apiKey, OPENTOK_API_SECRET: apiSecret },
  });
  await worker.ready;
}, 60_000);

afterAll(async () => {
  await worker?.dispose();
});

const get = async (query) => {
  const response = await worker.dispatchFetch(`http://worker.test/token${query}`);
  return { status: response.status, body: await response.json() };
};

describe('the token worker in workerd', () => {
  it('signs a publisher JWT that verifies with the project credentials', async () => {
    const { status, body } = await get(`?sessionId=${encodeURIComponent(sessionId)}&data=userId%3A42`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ apiKey, sessionId });
    expect(verifyToken(body.token, { apiKey, apiSecret })).toMatchObject({
      format: 'jwt',
      role: 'publisher',
      sessionId,
      data: 'userId:42',
    });
  });

  it('signs subscriber tokens and a fresh token per request', async () => {
    const first = await get(`?sessionId=${encodeURIComponent(sessionId)}&role=subscriber`);
    const second = await get(`?sessionId=${encodeURIComponent(sessionId)}&role=subscriber`);
    expect(decodeToken(first.body.token).role).toBe('subscriber');
    expect(first.body.token).not.toBe(second.body.token);
  });

  it('answers 400 with the library message for a missing or foreign session, and refuses moderator', async () => {
    expect(await get('')).toEqual({
      status: 400,
      body: { error: '[@opentok/token] Null or empty session ID is not valid', name: 'InvalidSessionIdError' },
    });
    const foreign = await get(`?sessionId=${encodeURIComponent(encodeSessionId({ apiKey: '999' }))}`);
    expect(foreign).toEqual({
      status: 400,
      body: { error: '[@opentok/token] An invalid session ID was passed', name: 'InvalidSessionIdError' },
    });
    expect((await get(`?sessionId=${encodeURIComponent(sessionId)}&role=moderator`)).status).toBe(400);
  });

  it('never puts the secret in an answer', async () => {
    const { body } = await get('?sessionId=garbage');
    expect(JSON.stringify(body)).not.toContain(apiSecret);
  });

  it('bundles without Node built-ins, small', () => {
    expect(bundle).not.toMatch(/node:crypto|require\(/);
    expect(bundle.length).toBeLessThan(40_000);
  });
});
