import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, call, connect, createSession, emulator, JSON_HEADERS } from '../test/support.js';
import { createEmulatorApp } from './create-emulator-app.js';
import { EmulatorState } from './state.js';

describe('robustness', () => {
  it('answers 413 over the body limit, in the format asked for', async () => {
    const { url } = await emulator();
    const big = 'x'.repeat(1024 * 1024 + 1);
    const json = await fetch(`${url}/v2/project/${API_KEY}/archive`, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: big,
    });
    expect(json.status).toBe(413);
    expect(((await json.json()) as { code: number }).code).toBe(413);
    const xml = await fetch(`${url}/session/create`, { method: 'POST', body: big });
    expect(xml.status).toBe(413);
    expect(await xml.text()).toContain('<errorPayload><code>413</code>');
    // A chunked body without Content-Length is counted too.
    const chunks = new ReadableStream({
      start(controller) {
        for (let index = 0; index < 20; index++) controller.enqueue(new Uint8Array(64 * 1024));
        controller.close();
      },
    });
    const streamed = await fetch(`${url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
  });

  it('answers 404 in the service format for unknown paths', async () => {
    const { url } = await emulator();
    const answer = await call('GET', `${url}/v2/project/${API_KEY}/broadcast/nothing/here`);
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ code: 404, message: 'Not found' });
  });

  it('survives garbage bodies on every endpoint: 4xx answers, never 500, and keeps serving', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    const targets: Array<[string, string]> = [
      ['POST', `/v2/project/${API_KEY}/archive`],
      ['POST', `/v2/project/${API_KEY}/archive/00000000-0000-4000-8000-000000000000/stop`],
      ['PUT', `/v2/project/${API_KEY}/archive/00000000-0000-4000-8000-000000000000/layout`],
      ['PATCH', `/v2/project/${API_KEY}/archive/00000000-0000-4000-8000-000000000000/streams`],
      ['POST', '/session/create'],
      ['POST', `/_emulator/sessions/${sessionId}/connections`],
      ['POST', '/_emulator/faults'],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((value) => JSON.stringify(value)),
        ),
        async ([method, path], body) => {
          const answer = await fetch(url + path, { method, headers: JSON_HEADERS, body });
          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(500);
          expect(await answer.text()).not.toContain(API_SECRET);
        },
      ),
      { numRuns: 150 },
    );
    // Whatever happened, nothing was faulted by accident and the server still answers.
    await fetch(`${url}/_emulator/faults`, { method: 'DELETE' });
    expect((await call('GET', `${url}/v2/project/${API_KEY}/archive`)).status).toBe(200);
  });

  it('lets exactly one of many concurrent starts of the same session win', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId })),
    );
    expect(answers.filter(({ status }) => status === 200)).toHaveLength(1);
    expect(answers.filter(({ status }) => status === 409)).toHaveLength(24);
    const sessions = await Promise.all(Array.from({ length: 25 }, () => createSession(url)));
    expect(new Set(sessions).size).toBe(25);
  });

  it('answers 500 "System error" for an unexpected exception, logs no request data, and stays up', async () => {
    const lines: string[] = [];
    const state = new EmulatorState([{ apiKey: API_KEY, apiSecret: API_SECRET }], {
      processingMs: 0,
      pausedTimeoutMs: 0,
    });
    const app = createEmulatorApp({ state, sleep: async () => {}, log: (line) => lines.push(line) });
    app.get('/explode', () => {
      throw new TypeError('kaboom');
    });
    const answer = await app.request('/explode', {
      headers: { Accept: 'application/json', 'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET}` },
    });
    expect(answer.status).toBe(500);
    expect(await answer.json()).toEqual({ code: 500, message: 'System error' });
    expect(lines).toEqual(['[opentok-emulator] unexpected error on GET /explode: TypeError: kaboom']);
    expect((await app.request('/_emulator/state')).status).toBe(200);
  });
});

describe('startEmulator', () => {
  it('creates one random project when none is given, and listens on a free port', async () => {
    const started = await emulator({ projects: undefined });
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(started.url).toBe(`http://127.0.0.1:${started.port}`);
    expect(started.projects).toHaveLength(1);
    expect(started.projects[0]!.apiKey).toMatch(/^\d{8}$/);
    expect(started.projects[0]!.apiSecret).toMatch(/^[0-9a-f]{40}$/);
  });

  it('never shows a secret when printed', async () => {
    const { inspect } = await import('node:util');
    const started = await emulator();
    expect(inspect(started, { depth: 5 })).toBe(`RunningEmulator { url: '${started.url}', projects: ['${API_KEY}'] }`);
    expect(`${JSON.stringify(inspect(started.projects[0]))}`).toContain('[redacted]');
    expect(inspect(started.projects)).not.toContain(API_SECRET);
    expect(started.projects[0]!.apiSecret).toBe(API_SECRET);
  });

  it('rejects bad options with InvalidArgumentError and a taken port with OpenTokError', async () => {
    const { startEmulator } = await import('./index.js');
    await expect(startEmulator({ port: -1 })).rejects.toThrow(InvalidArgumentError);
    await expect(startEmulator({ projects: [{ apiKey: 'abc', apiSecret: 'x' }] })).rejects.toThrow(
      InvalidArgumentError,
    );
    await expect(
      startEmulator({
        projects: [
          { apiKey: '1', apiSecret: 'x' },
          { apiKey: '1', apiSecret: 'y' },
        ],
      }),
    ).rejects.toThrow('same apiKey');
    const first = await emulator();
    await expect(startEmulator({ port: first.port })).rejects.toThrow(/cannot listen on 127\.0\.0\.1:\d+: EADDRINUSE/);
  });

  it('closes idempotently and cancels pending delays quietly', async () => {
    const { startEmulator } = await import('./index.js');
    const lines: string[] = [];
    const started = await startEmulator({ log: (line) => lines.push(line) });
    await fetch(`${started.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/session/create', delayMs: 60_000 }),
    });
    const pending = fetch(`${started.url}/session/create`, { method: 'POST' }).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = Date.now();
    await Promise.all([started.close(), started.close()]);
    expect(await pending).toBeInstanceOf(Error);
    expect(Date.now() - before).toBeLessThan(2000);
    await expect(fetch(`${started.url}/_emulator/state`)).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines).toEqual([]);
  });
});
