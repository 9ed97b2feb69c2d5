import { AuthenticationError, createClient } from '@opentok/rest';
import { decodeSessionId } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_KEY, useEmulator } from './emulator-fixture.js';

const emulator = useEmulator();

describe('createSession against the emulator', () => {
  it('creates a relayed, manually archived session by default', async () => {
    const before = Date.now();
    const session = await emulator.client().createSession();
    expect(session).toMatchObject({ apiKey: API_KEY, mediaMode: 'relayed', archiveMode: 'manual' });
    expect(decodeSessionId(session.sessionId).apiKey).toBe(API_KEY);
    expect(session.createTime).toBeGreaterThanOrEqual(before - 1000);
    expect(session.createTime).toBeLessThanOrEqual(Date.now() + 1000);
    expect(session).not.toHaveProperty('location');
  });

  it('sends every option, as the emulator records them', async () => {
    const client = emulator.client();
    const routed = await client.createSession({ mediaMode: 'routed', archiveMode: 'always', location: '10.1.2.3' });
    const e2ee = await client.createSession({ p2p: false, e2ee: true });
    const state = (await (await fetch(`${emulator.url}/_emulator/state`)).json()) as {
      sessions: { sessionId: string; mediaMode: string; archiveMode: string; e2ee: boolean; location: string | null }[];
    };
    const find = (id: string) => state.sessions.find((session) => session.sessionId === id);
    expect(find(routed.sessionId)).toMatchObject({ mediaMode: 'routed', archiveMode: 'always', location: '10.1.2.3' });
    expect(routed.location).toBe('10.1.2.3');
    expect(find(e2ee.sessionId)).toMatchObject({ mediaMode: 'routed', e2ee: true });
  });

  it('reads the XML answer the endpoint gives a client that does not ask for JSON', async () => {
    let contentType: string | null = null;
    const client = emulator.client({
      hooks: {
        beforeRequest: [(request) => request.headers.set('accept', '*/*')],
        afterResponse: [(_request, response) => void (contentType = response.headers.get('content-type'))],
      },
    });
    const session = await client.createSession({ mediaMode: 'routed' });
    expect(contentType).toMatch(/xml/);
    expect(decodeSessionId(session.sessionId).apiKey).toBe(API_KEY);
  });

  it('raises AuthenticationError with the service message for a wrong secret, and never the secret', async () => {
    const wrong = 'feedbeeffeedbeeffeedbeeffeedbeeffeedbeef';
    const client = createClient({ apiKey: API_KEY, apiSecret: wrong, apiUrl: emulator.url });
    const error = await client.createSession().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 403, method: 'POST', path: '/session/create' });
    expect((error as AuthenticationError).serviceMessage).toBeTruthy();
    expect(JSON.stringify(error)).not.toContain(wrong);
    expect(String(error)).not.toContain(wrong);
  });

  it('raises AuthenticationError with the XML errorPayload when asking for XML', async () => {
    const client = createClient({
      apiKey: '1',
      apiSecret: 'nope',
      apiUrl: emulator.url,
      hooks: { beforeRequest: [(request) => request.headers.set('accept', 'text/xml')] },
    });
    const error = await client.createSession().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).serviceMessage).toMatch(/\w/);
  });
});
