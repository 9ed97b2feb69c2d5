/**
 * An HTTP fuzz of the emulator: random methods, paths (`..`, `%00`, long ones), headers,
 * bodies (deep nesting, big, binary) over real sockets. Every request gets an answer, never
 * a 5xx (faults are cleared before each request, so none is injected), and the control API
 * still answers afterwards.
 */
import { request } from 'node:http';
import { generateRestToken, generateToken } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, CREDENTIALS, connect, createSession, emulator, PARTNER_AUTH } from '../test/support.js';

interface Answer {
  status: number;
  body: string;
}

/** Sends one request through node:http, which (unlike fetch) sends paths as given. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body: string | Buffer) {
  return new Promise<Answer>((resolve, reject) => {
    const outgoing = request({ host: '127.0.0.1', port, method, path, headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body.length > 0 ? body : undefined);
  });
}

/** Characters node:http lets through in a request target, percent escapes included. */
const pathCharacter = fc.oneof(
  fc.constantFrom(..."abcxyz0123456789-._~!$&'()*+,;=:@/?#[]".split('')),
  fc.constantFrom('%00', '%2e', '%2E%2E', '%2F', '%25', '%ff', '%', '%zz', '%C3%A9', '%ED%A0%80'),
);

describe('HTTP fuzz', () => {
  it('answers every request, never with a 5xx, and keeps serving the control API', async () => {
    const { url, port } = await emulator();
    const sessionId = await createSession(url);
    const joined = await connect(url, sessionId);
    const archive = await fetch(`${url}/v2/project/${API_KEY}/archive`, {
      method: 'POST',
      headers: { ...PARTNER_AUTH, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ sessionId }),
    });
    const archiveId = ((await archive.json()) as { id: string }).id;
    const uuid = '00000000-0000-4000-8000-000000000000';
    const segment = fc.oneof(
      fc.constantFrom('..', '.', '%00', '%2e%2e', '', 'archive', 'stop', 'layout', 'streams', 'broadcast', 'hl'),
      fc.constantFrom('playlist.m3u8', 'init.mp4', 'segment-0.m4s', 'segment-99999999.m4s'),
      fc.constantFrom(sessionId, archiveId, uuid, API_KEY, joined.body.connectionId as string, 'x'.repeat(9000)),
      fc.string({ unit: pathCharacter, maxLength: 40 }),
    );
    const prefix = fc.constantFrom(
      '/session/create',
      '/hl/session/create',
      `/v2/project/${API_KEY}/archive`,
      `/v2/partner/${API_KEY}/archive`,
      '/v2/project/999/archive',
      '/archive/getmanifest',
      '/hl/archive/url',
      '/_emulator/state',
      '/_emulator/faults',
      `/_emulator/sessions/${sessionId}/connections`,
      '/_emulator/media',
      '',
    );
    const path = fc
      .tuple(prefix, fc.array(segment, { maxLength: 4 }), fc.option(fc.string({ unit: pathCharacter, maxLength: 60 })))
      .map(([start, parts, query]) => {
        const joinedPath = [start, ...parts].join('/') || '/';
        const rooted = joinedPath.startsWith('/') ? joinedPath : `/${joinedPath}`;
        return query === null ? rooted : `${rooted}?${query}`;
      });
    // Half the requests aim at a real route with its own method, so bodies reach the handlers.
    const route = fc.constantFrom<[string, string]>(
      ['POST', '/session/create'],
      ['POST', `/v2/project/${API_KEY}/archive`],
      ['POST', `/v2/project/${API_KEY}/archive/${archiveId}/stop`],
      ['PUT', `/v2/project/${API_KEY}/archive/${archiveId}/layout`],
      ['PATCH', `/v2/project/${API_KEY}/archive/${archiveId}/streams`],
      ['DELETE', `/v2/project/${API_KEY}/archive/${uuid}`],
      ['GET', `/archive/getmanifest/${archiveId}`],
      ['POST', `/_emulator/sessions/${sessionId}/connections`],
      ['DELETE', `/_emulator/sessions/${sessionId}/connections/${joined.body.connectionId}`],
      ['POST', '/_emulator/faults'],
      ['GET', '/_emulator/state'],
      ['POST', `/v2/project/${API_KEY}/broadcast`],
      ['GET', `/v2/project/${API_KEY}/broadcast`],
      ['POST', `/v2/project/${API_KEY}/broadcast/${uuid}/stop`],
      ['PUT', `/v2/project/${API_KEY}/broadcast/${uuid}/layout`],
      ['PATCH', `/v2/project/${API_KEY}/broadcast/${uuid}/streams`],
      ['GET', `/_emulator/media/broadcast/${uuid}/playlist.m3u8`],
      ['GET', '/_emulator/endpoints'],
    );
    const token = fc.constantFrom(
      generateRestToken(CREDENTIALS),
      generateToken(CREDENTIALS, sessionId, { role: 'moderator' }),
      generateToken(CREDENTIALS, sessionId, { role: 'moderator', format: 't1' }),
      'a.b.c',
      'T1==%%%',
      '',
    );
    const headers = fc.record(
      {
        'X-OPENTOK-AUTH': token,
        'X-TB-PARTNER-AUTH': fc.constantFrom(`${API_KEY}:${API_SECRET}`, `${API_KEY}:wrong`, ':', 'x'),
        'X-TB-TOKEN-AUTH': token,
        Accept: fc.constantFrom('application/json', 'text/xml', '*/*', ''),
        'Content-Type': fc.constantFrom('application/json', 'application/x-www-form-urlencoded', 'text/plain', 'x/y'),
        'X-Random': fc.string({ unit: fc.constantFrom(...'abc 123;=,'.split('')), maxLength: 30 }),
      },
      { requiredKeys: [] },
    );
    const nested = fc
      .tuple(fc.integer({ min: 1, max: 20_000 }), fc.constantFrom('[', '{"a":'))
      .map(([depth, open]) => open.repeat(depth) + (open === '[' ? ']' : '1}').repeat(depth));
    const body = fc.oneof(
      fc.constant(''),
      fc.string(),
      fc.json(),
      fc.jsonValue().map((value) => JSON.stringify({ sessionId, token: 'x', path: '/x', ...Object(value) })),
      fc
        .record({ hls: fc.option(fc.jsonValue()), rtmp: fc.option(fc.jsonValue()) }, { requiredKeys: [] })
        .chain((outputs) =>
          fc
            .dictionary(fc.constantFrom('maxDuration', 'layout', 'hasAudio', 'streamMode', 'x'), fc.jsonValue())
            .map((rest) => JSON.stringify({ ...rest, sessionId, outputs })),
        ),
      nested,
      // Deep values where the endpoints read a field: a fault's body, a session ID, a layout.
      nested.map((value) => `{"path":"/x","status":500,"body":${value}}`),
      nested.map((value) => `{"sessionId":${value},"layout":${value},"token":${value}}`),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
      fc.constant('y'.repeat(1024 * 1024 + 10)),
    );
    const method = fc.oneof(
      fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
      fc.string({ unit: fc.constantFrom(...'ABCXYZ'.split('')), minLength: 1, maxLength: 8 }),
    );
    const samples = fc.sample(path, 200);
    for (const mark of ['..', '%00', '?'])
      expect(
        samples.some((sample) => sample.includes(mark)),
        mark,
      ).toBe(true);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.tuple(method, path), route),
        headers,
        body,
        async ([verb, target], sent, payload) => {
          // Faults only come from this test's own requests: cleared first, so none applies here.
          await fetch(`${url}/_emulator/faults`, { method: 'DELETE' });
          const answer = await send(port, verb, target, sent as Record<string, string>, payload);
          expect(answer.status, `${verb} ${target.slice(0, 200)}`).toBeGreaterThanOrEqual(200);
          expect(answer.status, `${verb} ${target.slice(0, 200)}`).toBeLessThan(500);
          expect(answer.body).not.toContain(API_SECRET);
        },
      ),
      { numRuns: 400 },
    );
    await fetch(`${url}/_emulator/faults`, { method: 'DELETE' });
    const state = await fetch(`${url}/_emulator/state`);
    expect(state.status).toBe(200);
    expect(((await state.json()) as { projects: unknown[] }).projects).toEqual([{ apiKey: API_KEY }]);
  });
});
