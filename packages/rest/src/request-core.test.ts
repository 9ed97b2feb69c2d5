/**
 * The request core against a real HTTP server on loopback: what it sends, what it refuses
 * to send, how it reads, caps and maps what comes back. The server records every request and
 * answers as each test tells it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeRestToken, InvalidArgumentError } from '@opentok/token';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  InvalidRequestError,
  NetworkError,
  ResponseParseError,
  ServerError,
  TimeoutError,
} from './errors.js';
import { type CoreSettings, createRequestCore, type Send } from './request.js';

const API_KEY = '123456';
const SECRET = 'Zq9xW3kP7mN2vB8cR4tY6uH1jL5gF0dS3aE7wQ9z';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let answer: (request: Seen, response: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const record = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString(),
      };
      seen.push(record);
      answer(record, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  seen = [];
  answer = (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  };
});

function core(settings: Partial<CoreSettings> = {}): Send {
  return createRequestCore({
    apiKey: API_KEY,
    apiSecret: SECRET,
    apiUrl: baseUrl,
    timeout: 5000,
    retry: { limit: 2, baseDelay: 1, maxDelay: 5, maxRetryAfter: 1000 },
    fetch: undefined,
    userAgent: 'opentok-rest/test',
    hooks: undefined,
    ...settings,
  });
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('the request core', () => {
  it('sends a fresh REST JWT, the user agent, Accept and a JSON body to the filled-in path', async () => {
    const result = await core()({
      method: 'POST',
      path: '/v2/project/{apiKey}/archive/{archiveId}/stop',
      params: { archiveId: 'a b+c' },
      query: { offset: 0, count: undefined },
      json: { x: 1 },
    });
    expect(result).toMatchObject({ status: 200, contentType: 'application/json', body: '{"ok":true}' });
    const [request] = seen;
    expect(request).toMatchObject({ method: 'POST', url: `/v2/project/${API_KEY}/archive/a%20b%2Bc/stop?offset=0` });
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers.accept).toBe('application/json');
    expect(request!.headers['user-agent']).toBe('opentok-rest/test');
    expect(JSON.parse(request!.body)).toEqual({ x: 1 });
    expect(decodeRestToken(String(request!.headers['x-opentok-auth']))).toMatchObject({ apiKey: API_KEY });
  });

  it('sends a form body and a T1 token in X-TB-TOKEN-AUTH when asked', async () => {
    await core()({ method: 'POST', path: '/session/create', form: { a: '1&2' }, tokenAuth: 'T1==abc' });
    expect(seen[0]!.body).toBe('a=1%262');
    expect(seen[0]!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(seen[0]!.headers['x-tb-token-auth']).toBe('T1==abc');
    expect(seen[0]!.headers['x-opentok-auth']).toBeUndefined();
  });

  it('refuses every path segment that could leave its resource, before any request', async () => {
    const send = core();
    const bad: unknown[] = ['', '.', '..', 'a/b', '/', '\ud800', 'x\udc00', 'a\u0000', 'x'.repeat(1025), 42, null, {}];
    for (const value of bad) {
      const error = await failure(
        send({ method: 'DELETE', path: '/v2/project/{apiKey}/archive/{archiveId}', params: { archiveId: value } }),
      );
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).argument).toBe('archiveId');
    }
    expect(seen).toEqual([]);
  });

  it('retries a GET after a 503, never a POST, and maps the last answer to ServerError', async () => {
    answer = (_request, response) => response.writeHead(503).end();
    expect(await failure(core()({ method: 'GET', path: '/x' }))).toBeInstanceOf(ServerError);
    expect(seen.map((request) => request.method)).toEqual(['GET', 'GET', 'GET']);
    seen = [];
    expect(await failure(core()({ method: 'POST', path: '/x', json: {} }))).toBeInstanceOf(ServerError);
    expect(seen).toHaveLength(1);
  });

  it("keeps the service's message but not the auth header's value nor any of its three parts", async () => {
    answer = (request, response) => {
      const jwt = String(request.headers['x-opentok-auth']);
      const [head, payload, signature] = jwt.split('.');
      const message = `refused ${signature} of ${payload} with ${head}; token ${jwt}; secret ${SECRET}`;
      response.writeHead(403, { 'content-type': 'application/json' }).end(JSON.stringify({ message }));
    };
    const error = (await failure(core()({ method: 'GET', path: '/x' }))) as AuthenticationError;
    expect(error).toBeInstanceOf(AuthenticationError);
    const jwt = String(seen[0]!.headers['x-opentok-auth']);
    for (const part of [jwt, ...jwt.split('.'), SECRET]) {
      expect(error.message).not.toContain(part);
      expect(String(error.serviceMessage)).not.toContain(part);
    }
    expect(error.serviceMessage).toMatch(/^refused \[REDACTED\]/);
  });

  it('caps the body: a larger answer is a ResponseParseError, not a memory spike', async () => {
    answer = (_request, response) => response.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
    const error = await failure(core()({ method: 'GET', path: '/x', maxBytes: 1000 }));
    expect(error).toBeInstanceOf(ResponseParseError);
    expect((error as Error).message).toContain('larger than 1000 bytes');
  });

  it('maps a 4xx to InvalidRequestError with status, method and path', async () => {
    answer = (_request, response) => response.writeHead(400, { 'content-type': 'text/plain' }).end('bad layout');
    const error = await failure(
      core()({ method: 'PUT', path: '/v2/project/{apiKey}/archive/{id}/layout', params: { id: 'a1' }, json: {} }),
    );
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error).toMatchObject({
      status: 400,
      method: 'PUT',
      path: `/v2/project/${API_KEY}/archive/a1/layout`,
      serviceMessage: 'bad layout',
    });
  });

  it('gives up after the timeout with TimeoutError', async () => {
    answer = () => undefined; // never answers
    const error = await failure(
      core({ timeout: 200, retry: { limit: 0, baseDelay: 1, maxDelay: 1, maxRetryAfter: 1 } })({
        method: 'GET',
        path: '/slow',
      }),
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("stops when the caller's signal aborts", async () => {
    answer = () => undefined;
    const controller = new AbortController();
    const pending = failure(core()({ method: 'GET', path: '/slow', signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await pending;
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toContain('aborted');
  });

  it('names the URL and the reason when nothing listens there, without credentials', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const error = await failure(
      core({ apiUrl: `http://127.0.0.1:${port}`, retry: { limit: 0, baseDelay: 1, maxDelay: 1, maxRetryAfter: 1 } })({
        method: 'POST',
        path: '/session/create',
        form: {},
      }),
    );
    expect(error).toBeInstanceOf(NetworkError);
    const message = (error as Error).message;
    expect(message).toContain(`http://127.0.0.1:${port}`);
    expect(message).toContain(`ECONNREFUSED 127.0.0.1:${port}`);
    expect(message).not.toContain(SECRET);
  });

  it('names the host that does not resolve', async () => {
    const error = await failure(
      core({ apiUrl: 'http://no-such-host.invalid', retry: { limit: 0, baseDelay: 1, maxDelay: 1, maxRetryAfter: 1 } })(
        {
          method: 'GET',
          path: '/x',
        },
      ),
    );
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toMatch(
      /could not reach http:\/\/no-such-host\.invalid \((ENOTFOUND|EAI_AGAIN) no-such-host\.invalid\)/,
    );
  });
});
