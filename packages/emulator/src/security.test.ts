/**
 * Regression tests of the holes a hostile tester found (issue 8): client tokens as REST
 * credentials, issue times in the future, glob backtracking, deep JSON, secrets in
 * `JSON.stringify`, download URLs from the `Host` header, client aborts logged as errors.
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { connect as connectSocket } from 'node:net';
import { inspect } from 'node:util';
import { generateRestToken, generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import {
  API_KEY,
  API_SECRET,
  CREDENTIALS,
  call,
  connect,
  createSession,
  emulator,
  eventually,
  PARTNER_AUTH,
  post,
} from '../test/support.js';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT with exactly these claims, signed with the well-known secret. */
function jwt(claims: Record<string, unknown>, secret = API_SECRET): string {
  const input = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}

/** A T1 token with exactly these data fields, signed with the well-known secret. */
function t1(fields: Record<string, string | number>): string {
  const data = new URLSearchParams(
    Object.entries(fields).map(([key, value]): [string, string] => [key, String(value)]),
  ).toString();
  const sig = createHmac('sha1', API_SECRET).update(data).digest('hex');
  return `T1==${Buffer.from(`partner_id=${API_KEY}&sig=${sig}:${data}`).toString('base64')}`;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const YEAR = 365 * 86400;

describe('X-OPENTOK-AUTH takes REST tokens only', () => {
  it('refuses client tokens (JWT of every role, T1) with 403 on every route that takes it', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    const archive = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    expect(archive.status).toBe(200);
    const manifest = await fetch(`${url}/archive/getmanifest/${archive.body.id}`, { headers: PARTNER_AUTH });
    const videoId = /<video id="([^"]+)"/.exec(await manifest.text())?.[1];
    expect(videoId).toBeDefined();
    const routes: Array<[string, string, string?]> = [
      ['POST', '/session/create'],
      ['POST', '/hl/session/create'],
      ['GET', `/v2/project/${API_KEY}/archive`],
      ['POST', `/v2/project/${API_KEY}/archive`, JSON.stringify({ sessionId })],
      ['GET', `/v2/project/${API_KEY}/archive/${archive.body.id}`],
      ['POST', `/v2/project/${API_KEY}/archive/${archive.body.id}/stop`],
      ['GET', `/v2/partner/${API_KEY}/archive`],
      ['GET', `/v2/project/${API_KEY}/broadcast`],
      ['POST', `/v2/project/${API_KEY}/broadcast`, JSON.stringify({ sessionId, outputs: { hls: {} } })],
      ['GET', `/archive/getmanifest/${archive.body.id}`],
      ['GET', `/hl/archive/getmanifest/${archive.body.id}`],
      ['GET', `/hl/archive/url/${archive.body.id}/${videoId}`],
    ];
    const clientTokens = [
      generateToken(CREDENTIALS, sessionId, { role: 'subscriber' }),
      generateToken(CREDENTIALS, sessionId, { role: 'publisher' }),
      generateToken(CREDENTIALS, sessionId, { role: 'moderator' }),
      generateToken(CREDENTIALS, sessionId, { role: 'moderator', format: 't1' }),
      // Only one mark of a client token is enough.
      jwt({ iss: API_KEY, ist: 'project', iat: nowSeconds(), exp: nowSeconds() + 300, scope: 'session.connect' }),
      jwt({ iss: API_KEY, ist: 'project', iat: nowSeconds(), exp: nowSeconds() + 300, session_id: sessionId }),
      jwt({ iss: API_KEY, ist: 'project', iat: nowSeconds(), exp: nowSeconds() + 300, role: 'moderator' }),
    ];
    for (const [method, path, body] of routes) {
      for (const token of clientTokens) {
        const answer = await fetch(url + path, {
          method,
          headers: { 'X-OPENTOK-AUTH': token, Accept: 'application/json', 'Content-Type': 'application/json' },
          body: body ?? null,
        });
        expect(answer.status, `${method} ${path}`).toBe(403);
        expect(await answer.text()).not.toContain(token.slice(-20));
      }
    }
    // The archive is untouched: nothing above stopped it.
    expect((await call('GET', `${url}/v2/project/${API_KEY}/archive/${archive.body.id}`)).body.status).toBe('started');
    // A REST token still works on every one of them.
    const rest = await fetch(`${url}/session/create`, {
      method: 'POST',
      headers: { 'X-OPENTOK-AUTH': generateRestToken(CREDENTIALS) },
    });
    expect(rest.status).toBe(200);
  });

  it('refuses REST tokens issued in the future beyond the tolerance or living too long, on its own clock', async () => {
    let now = Date.now();
    const { url } = await emulator({ now: () => now });
    const status = async (token: string) =>
      (await fetch(`${url}/v2/project/${API_KEY}/archive`, { headers: { 'X-OPENTOK-AUTH': token } })).status;
    const at = (iat: number, exp: number) => jwt({ iss: API_KEY, ist: 'project', iat, exp });
    const t = nowSeconds();
    expect(await status(at(t, t + 300))).toBe(200);
    expect(await status(at(t + 200, t + 500))).toBe(200); // within the 5-minute tolerance
    expect(await status(at(t + YEAR, t + YEAR + 300))).toBe(403);
    expect(await status(at(t + 400, t + 700))).toBe(403);
    expect(await status(at(t, t + 10 * YEAR))).toBe(403);
    expect(await status(at(t, t + 3601))).toBe(403);
    expect(await status(jwt({ iss: API_KEY, ist: 'project', exp: t + 10 * YEAR }))).toBe(403); // no iat
    expect(await status(at(t, t + 3600))).toBe(200);
    // The emulator's clock decides, not the machine's: an hour back, a token of now is from the future.
    now -= 3_600_000;
    expect(await status(at(t, t + 300))).toBe(403);
    const body = await (
      await fetch(`${url}/v2/project/${API_KEY}/archive`, {
        headers: { 'X-OPENTOK-AUTH': at(t, t + 300), Accept: 'application/json' },
      })
    ).json();
    expect(body).toMatchObject({ code: -1, message: 'Invalid token', description: expect.stringContaining('future') });
  });

  it('honours clockTolerance and maxRestTokenLifetime options', async () => {
    const { url } = await emulator({ clockTolerance: 0, maxRestTokenLifetime: 60 });
    const status = async (token: string) =>
      (await fetch(`${url}/v2/project/${API_KEY}/archive`, { headers: { 'X-OPENTOK-AUTH': token } })).status;
    const t = nowSeconds();
    expect(await status(jwt({ iss: API_KEY, ist: 'project', iat: t + 30, exp: t + 60 }))).toBe(403);
    expect(await status(jwt({ iss: API_KEY, ist: 'project', iat: t - 1, exp: t + 59 }))).toBe(200);
    expect(await status(jwt({ iss: API_KEY, ist: 'project', iat: t - 1, exp: t + 300 }))).toBe(403);
  });

  it('refuses client tokens issued a year ahead, to join and as X-TB-TOKEN-AUTH', async () => {
    const { url } = await emulator();
    const sessionId = await createSession(url);
    const future = nowSeconds() + YEAR;
    const fields = {
      session_id: sessionId,
      create_time: future,
      nonce: 1,
      role: 'moderator',
      expire_time: future + 60,
    };
    const tokens = [
      t1(fields),
      jwt({
        iss: API_KEY,
        ist: 'project',
        iat: future,
        exp: future + 60,
        scope: 'session.connect',
        session_id: sessionId,
        role: 'moderator',
        create_time: future,
      }),
    ];
    for (const token of tokens) {
      const joined = await post(`${url}/_emulator/sessions/${sessionId}/connections`, { token });
      expect(joined).toMatchObject({ status: 403, body: { reason: 'claims' } });
    }
    const sessionAnswer = await fetch(`${url}/session/create`, {
      method: 'POST',
      headers: { 'X-TB-TOKEN-AUTH': tokens[0]! },
    });
    expect(sessionAnswer.status).toBe(403);
    // The same T1 token issued now is fine.
    const current = t1({ ...fields, create_time: nowSeconds(), expire_time: nowSeconds() + 60 });
    expect((await post(`${url}/_emulator/sessions/${sessionId}/connections`, { token: current })).status).toBe(201);
  });
});

describe('hostile control API input', () => {
  it('matches a backtracking glob in linear time and keeps answering', async () => {
    const { url } = await emulator();
    const fault = { method: 'GET', path: `/${'*a'.repeat(14)}*b`, status: 500 };
    expect((await post(`${url}/_emulator/faults`, fault)).status).toBe(201);
    const answer = await fetch(`${url}/${'a'.repeat(48)}`);
    expect(answer.status).toBe(404); // no b at the end: the fault does not apply
    const matched = await fetch(`${url}/${'a'.repeat(48)}b`);
    expect(matched.status).toBe(500);
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(200);
  });

  it('answers 400 for JSON nested 10,000 deep, on the control API and the archive API', async () => {
    const { url } = await emulator();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const fault = await fetch(`${url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"path":"/x","status":500,"body":${deep}}`,
    });
    expect(fault.status).toBe(400);
    expect(await fault.json()).toMatchObject({ code: 400, message: expect.stringContaining('nested deeper') });
    const archive = await call('POST', `${url}/v2/project/${API_KEY}/archive`, `{"sessionId":${deep}}`);
    expect(archive.status).toBe(400);
    // Brackets inside strings do not count, and moderate nesting is fine.
    const shallow = await post(`${url}/_emulator/faults`, {
      path: '/x',
      status: 500,
      body: { text: '[[[['.repeat(5000), nested: [[[[[[[[[[1]]]]]]]]]] },
    });
    expect(shallow.status).toBe(201);
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(200);
  });
});

describe('printing a running emulator', () => {
  it('never shows a secret through JSON.stringify, inspect or String', async () => {
    const started = await emulator();
    const printed = [
      JSON.stringify(started),
      JSON.stringify(started.projects),
      JSON.stringify({ nested: { started } }),
      inspect(started, { depth: 10 }),
      inspect({ started }, { depth: 10 }),
      inspect(started.projects, { depth: 10 }),
      String(started),
    ];
    for (const text of printed) expect(text).not.toContain(API_SECRET);
    expect(JSON.parse(JSON.stringify(started))).toEqual({ url: started.url, projects: [API_KEY] });
    expect(JSON.parse(JSON.stringify(started.projects))).toEqual([{ apiKey: API_KEY, apiSecret: '[redacted]' }]);
    // The secret is still there for the code that needs it.
    expect(started.projects[0]?.apiSecret).toBe(API_SECRET);
  });
});

/** A GET through node:http with a forged Host header (fetch does not let one set it). */
function getWithHost(url: string, host: string, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { ...headers, Host: host } }, (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk) => (text += chunk));
      incoming.on('end', () => resolve(text));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('download URLs', () => {
  async function availableArchive(url: string) {
    const sessionId = await createSession(url);
    await connect(url, sessionId);
    const { body } = await call('POST', `${url}/v2/project/${API_KEY}/archive`, { sessionId });
    const manifest = await fetch(`${url}/archive/getmanifest/${body.id}`, { headers: PARTNER_AUTH });
    const videoId = /<video id="([^"]+)"/.exec(await manifest.text())?.[1];
    await call('POST', `${url}/v2/project/${API_KEY}/archive/${body.id}/stop`);
    return { archiveId: body.id as string, videoId: videoId as string };
  }

  it('are built from the address the emulator listens on, never from the Host header', async () => {
    const { url } = await emulator();
    const { archiveId, videoId } = await availableArchive(url);
    const headers = { ...PARTNER_AUTH, Accept: 'application/json' };
    const evil = 'evil.example:8080';
    const archive = JSON.parse(await getWithHost(`${url}/v2/project/${API_KEY}/archive/${archiveId}`, evil, headers));
    expect(archive.url).toBe(`${url}/_emulator/media/${archiveId}/archive.mp4`);
    const list = JSON.parse(await getWithHost(`${url}/v2/project/${API_KEY}/archive`, evil, headers));
    expect(list.items[0].url).toBe(archive.url);
    const legacy = await getWithHost(`${url}/hl/archive/url/${archiveId}/${videoId}`, evil, headers);
    expect(legacy).toBe(`${url}/_emulator/media/${archiveId}/${videoId}.flv`);
    const state = await getWithHost(`${url}/_emulator/state`, evil, {});
    expect(state).not.toContain('evil.example');
  });

  it('use publicUrl when given', async () => {
    const { url } = await emulator({ publicUrl: 'https://tunnel.example:9443/' });
    const { archiveId } = await availableArchive(url);
    const archive = await call('GET', `${url}/v2/project/${API_KEY}/archive/${archiveId}`);
    expect(archive.body.url).toBe(`https://tunnel.example:9443/_emulator/media/${archiveId}/archive.mp4`);
    await expect(emulator({ publicUrl: 'ftp://x' })).rejects.toThrow('publicUrl');
  });
});

describe('client aborts', () => {
  it('are logged at debug level, not as unexpected errors', async () => {
    const errors: string[] = [];
    const debug: string[] = [];
    const { url, port } = await emulator({ log: (line) => errors.push(line), debug: (line) => debug.push(line) });
    const socket = connectSocket(port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST /v2/project/${API_KEY}/archive HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
        'Content-Length: 1000\r\n\r\n{"sessionId":',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.destroy();
    await eventually(async () => (debug.length > 0 ? true : undefined));
    expect(debug).toEqual([`[opentok-emulator] client aborted POST /v2/project/${API_KEY}/archive`]);
    expect(errors).toEqual([]);
    expect((await fetch(`${url}/_emulator/state`)).status).toBe(200);
  });
});
