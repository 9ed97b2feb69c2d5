/**
 * Vonage applications beside projects, over real HTTP: Bearer RS256 REST tokens, RS256
 * client tokens, `applicationId` in answers, and each mode's tokens refused by the other.
 */
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { generateRestToken, generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_KEY, CREDENTIALS, emulator } from '../test/support.js';
import { createApplicationKeys } from './applications.js';

const keys = createApplicationKeys();
const { applicationId, privateKey } = keys;
const application = { applicationId, privateKey };
const bearer = () => ({ Authorization: `Bearer ${generateRestToken(application)}` });

async function send(url: string, method: string, headers: Record<string, string>, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { Accept: 'application/json', 'Content-Type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text };
}

async function createSession(url: string, headers: Record<string, string>): Promise<string> {
  const response = await fetch(`${url}/session/create`, {
    method: 'POST',
    headers: { ...headers, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'p2p.preference=disabled',
  });
  expect(response.status).toBe(200);
  const [session] = (await response.json()) as Array<{ session_id: string }>;
  return session?.session_id ?? '';
}

describe('Vonage applications', () => {
  it('create sessions, take RS256 client tokens and answer archives with applicationId', async () => {
    const running = await emulator({ applications: [keys] });
    expect(running.applications.map((one) => one.applicationId)).toEqual([applicationId]);
    const sessionId = await createSession(running.url, bearer());
    const client = await running.connect(sessionId, generateToken(application, sessionId), { publish: true });
    expect(client.streamId).toEqual(expect.any(String));
    const started = await send(`${running.url}/v2/project/${applicationId}/archive`, 'POST', bearer(), { sessionId });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ applicationId, sessionId, status: 'started' });
    expect(started.body).not.toHaveProperty('projectId');
    expect(started.body).not.toHaveProperty('partnerId');
    const list = await send(`${running.url}/v2/project/${applicationId}/archive`, 'GET', bearer());
    expect(list.body.items[0]).toMatchObject({ applicationId, id: started.body.id });
  });

  it('refuse the other mode: HS256 for an application, RS256 Bearer for a project', async () => {
    const running = await emulator({ applications: [keys] });
    const applicationPath = `${running.url}/v2/project/${applicationId}/archive`;
    const projectPath = `${running.url}/v2/project/${API_KEY}/archive`;
    // A project's token on an application's path, an application's token on a project's path.
    expect((await send(applicationPath, 'GET', { 'X-OPENTOK-AUTH': generateRestToken(CREDENTIALS) })).status).toBe(403);
    expect((await send(projectPath, 'GET', bearer())).status).toBe(403);
    // An application's RS256 token in X-OPENTOK-AUTH, a project's HS256 token as a Bearer.
    const asHeader = await send(applicationPath, 'GET', { 'X-OPENTOK-AUTH': generateRestToken(application) });
    expect(asHeader.status).toBe(403);
    const hsBearer = await send(projectPath, 'GET', { Authorization: `Bearer ${generateRestToken(CREDENTIALS)}` });
    expect(hsBearer.status).toBe(403);
    expect((await send(applicationPath, 'GET', { 'X-TB-PARTNER-AUTH': `${applicationId}:` })).status).toBe(403);
    // Another key pair for the same application ID.
    const impostor = { applicationId, privateKey: createApplicationKeys().privateKey };
    const forged = await send(applicationPath, 'GET', { Authorization: `Bearer ${generateRestToken(impostor)}` });
    expect(forged.status).toBe(403);
    // Client tokens: a project's token for an application's session, and the reverse.
    const sessionId = await createSession(running.url, bearer());
    // HS256 keyed with the application's public key PEM text (algorithm confusion).
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      application_id: applicationId,
      iat: now,
      exp: now + 600,
      session_id: sessionId,
      role: 'publisher',
    };
    const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const input = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const confused = `${input}.${createHmac('sha256', keys.publicKey).update(input).digest('base64url')}`;
    await expect(running.connect(sessionId, confused)).rejects.toThrow(/RS256/);
    // A project's token for a project session is refused for the application's session.
    await expect(running.connect(sessionId, generateToken(impostor, sessionId))).rejects.toThrow(/signature/);
    const projectSession = await createSession(running.url, { 'X-OPENTOK-AUTH': generateRestToken(CREDENTIALS) });
    const projectToken = generateToken(CREDENTIALS, projectSession);
    await expect(running.connect(sessionId, projectToken)).rejects.toThrow(/session/);
    expect((await running.connect(projectSession, projectToken)).connectionId).toEqual(expect.any(String));
  });

  it('refuse a bad application ID or key at start, and never print a private key', async () => {
    await expect(emulator({ applications: [{ applicationId: '123', publicKey: keys.publicKey }] })).rejects.toThrow(
      /UUID/,
    );
    await expect(emulator({ applications: [{ applicationId, publicKey: 'not a key' }] })).rejects.toThrow(/RSA/);
    await expect(emulator({ applications: [keys, keys] })).rejects.toThrow(/same ID/);
    const body = privateKey.split('\n')[5] ?? '';
    expect(inspect(keys)).not.toContain(body);
    expect(JSON.stringify(keys)).not.toContain(body);
  });
});
