/**
 * The project's REST token is signed once per {@link REST_TOKEN_REUSE_MS} and reused within it:
 * unit checks of the source with a fake clock, and what a client sends to a loopback server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyRestToken } from '@opentok/token';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createClient } from './client.js';
import { createRestTokenSource, REST_TOKEN_REUSE_MS } from './rest-token-reuse.js';

const apiKey = '123456';
const apiSecret = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';
const start = new Date('2026-12-07T06:00:00.250Z');

afterEach(() => {
  vi.useRealTimers();
});

describe('createRestTokenSource', () => {
  it('reuses one token within the window and signs a new one after it', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const token = createRestTokenSource({ apiKey, apiSecret });
    const first = token();
    vi.setSystemTime(start.getTime() + REST_TOKEN_REUSE_MS - 1);
    expect(token()).toBe(first);
    vi.setSystemTime(start.getTime() + REST_TOKEN_REUSE_MS);
    const second = token();
    expect(second).not.toBe(first);
    // Every token it hands out has nearly all of its 300 s ahead of it.
    const claims = verifyRestToken(second, { apiKey, apiSecret });
    expect(claims.expireTime - Math.floor(Date.now() / 1000)).toBeGreaterThanOrEqual(298);
  });

  it('signs anew when the clock goes back', () => {
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    const token = createRestTokenSource({ apiKey, apiSecret });
    const first = token();
    vi.setSystemTime(start.getTime() - 60_000);
    const second = token();
    expect(second).not.toBe(first);
    expect(verifyRestToken(second, { apiKey, apiSecret }).issuedAt).toBe(Math.floor(Date.now() / 1000));
  });
});

describe('a client', () => {
  let server: Server;
  let baseUrl: string;
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      seen.push(String(request.headers['x-opentok-auth']));
      request.resume().on('end', () => {
        response.writeHead(200, { 'content-type': 'application/json' }).end('{"count":0,"items":[]}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends one valid X-OPENTOK-AUTH for calls within the window, a new one after, none shared between clients', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: start });
    seen.length = 0;
    const client = createClient({ apiKey, apiSecret, apiUrl: baseUrl });
    const other = createClient({ apiKey, apiSecret, apiUrl: baseUrl });
    await client.archives.list();
    await client.archives.list();
    await other.archives.list();
    vi.setSystemTime(start.getTime() + REST_TOKEN_REUSE_MS);
    await client.archives.list();
    const [first, again, others, later] = seen;
    expect(again).toBe(first);
    expect(others).not.toBe(first);
    expect(later).not.toBe(first);
    for (const token of seen) expect(verifyRestToken(token, { apiKey, apiSecret })).toMatchObject({ apiKey });
  });
});
