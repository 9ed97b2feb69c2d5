import { type RequestError, ServerError, VERSION } from '@opentok/rest';
import { decodeRestToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_KEY, useEmulator } from './emulator-fixture.js';

const emulator = useEmulator();
const LIST = `/v2/project/${API_KEY}/archive`;

describe('client options against the emulator', () => {
  it('sends the User-Agent with the addendum, JSON Accept and an X-OPENTOK-AUTH of 300 s', async () => {
    const seen: Headers[] = [];
    const client = emulator.client({
      userAgent: 'my-app/1.2',
      hooks: { beforeRequest: [(request) => void seen.push(new Headers(request.headers))] },
    });
    await client.archives.list();
    await client.archives.list();
    expect(seen[0]?.get('user-agent')).toBe(`opentok-rest/${VERSION} my-app/1.2`);
    expect(seen[0]?.get('accept')).toBe('application/json');
    expect(seen[0]?.get('x-opentok-auth')).toMatch(/^eyJ/);
    // Signed at most once a second and reused within it (packages/rest/src/rest-token-reuse.ts,
    // which tests the window), each with its whole lifetime ahead.
    for (const headers of seen) {
      const claims = decodeRestToken(headers.get('x-opentok-auth') ?? '');
      expect(claims).toMatchObject({ apiKey: API_KEY });
      expect(claims.expireTime - (claims.issuedAt ?? 0)).toBe(300);
    }
  });

  it('goes through the given fetch', async () => {
    const urls: string[] = [];
    const client = emulator.client({
      fetch: (url, init) => {
        urls.push(url);
        return fetch(url, init);
      },
    });
    await client.archives.list({ offset: 0, count: 5 });
    expect(urls).toEqual([`${emulator.url}${LIST}?offset=0&count=5`]);
  });

  it('calls beforeRetry with our error and the attempt number, and afterResponse with each answer', async () => {
    const retries: { error: RequestError; retryCount: number }[] = [];
    const statuses: number[] = [];
    const client = emulator.client({
      hooks: {
        beforeRetry: [({ error, retryCount }) => void retries.push({ error, retryCount })],
        afterResponse: [(_request, response) => void statuses.push(response.status)],
      },
    });
    await emulator.fault({ method: 'GET', path: LIST, status: 500, times: 2 });
    await client.archives.list();
    expect(retries.map((retry) => retry.retryCount)).toEqual([1, 2]);
    expect(retries[0]?.error).toBeInstanceOf(ServerError);
    expect(retries[0]?.error).toMatchObject({ status: 500, method: 'GET', path: LIST });
    expect(statuses).toEqual([500, 500, 200]);
  });

  it('hands back what a hook throws, untouched and without retrying', async () => {
    const mine = new Error('my hook says no');
    let calls = 0;
    const client = emulator.client({
      hooks: {
        beforeRequest: [
          () => {
            calls += 1;
            throw mine;
          },
        ],
      },
    });
    await expect(client.archives.list()).rejects.toBe(mine);
    expect(calls).toBe(1);
  });

  it('resolves the API URL from OPENTOK_API_URL', async () => {
    const { createClient } = await import('@opentok/rest');
    process.env.OPENTOK_API_URL = emulator.url;
    try {
      const client = createClient({ apiKey: API_KEY, apiSecret: 'f00dfacef00dfacef00dfacef00dfacef00dface' });
      expect(client.apiUrl).toBe(emulator.url);
      expect(await client.archives.list()).toHaveProperty('items');
    } finally {
      delete process.env.OPENTOK_API_URL;
    }
  });
});
