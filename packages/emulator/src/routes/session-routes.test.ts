import { decodeSessionId, generateRestToken, generateToken } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { API_KEY, API_SECRET, CREDENTIALS, createSession, emulator, PARTNER_AUTH } from '../../test/support.js';

const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

async function create(url: string, headers: Record<string, string>, body = '', path = '/session/create') {
  const response = await fetch(url + path, { method: 'POST', headers: { ...FORM, ...headers }, body });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

describe('POST /session/create', () => {
  it('answers XML shape B by default, with an ID of today’s format for the project', async () => {
    const { url } = await emulator();
    for (const path of ['/session/create', '/hl/session/create']) {
      const answer = await create(url, PARTNER_AUTH, 'partner_id=123456&location=127.0.0.1', path);
      expect(answer.status).toBe(200);
      expect(answer.type).toMatch(/^text\/xml/);
      const match =
        /^<\?xml version="1.0" encoding="UTF-8" standalone="yes"\?><sessions><Session><session_id>([\w-]+)<\/session_id><partner_id>123456<\/partner_id><create_dt>\w{3} \w{3} \d\d \d\d:\d\d:\d\d P[SD]T \d{4}<\/create_dt><\/Session><\/sessions>$/.exec(
          answer.text,
        );
      expect(match).not.toBeNull();
      const decoded = decodeSessionId(match![1]!);
      expect(decoded).toMatchObject({ apiKey: API_KEY, location: '127.0.0.1', p2p: false, prefix: '1' });
      expect(decoded.fields).toHaveLength(8);
      expect(match![1]).not.toMatch(/=|_.*_/); // no padding, no "_" in the body (.NET check)
    }
  });

  it('answers the JSON array when the request accepts JSON, and flags relayed sessions with P', async () => {
    const { url } = await emulator();
    const answer = await create(url, { ...PARTNER_AUTH, Accept: 'application/json' }, 'p2p.preference=enabled');
    expect(answer.type).toMatch(/^application\/json/);
    const [session] = JSON.parse(answer.text);
    expect(Object.keys(session)).toEqual([
      'session_id',
      'project_id',
      'partner_id',
      'create_dt',
      'session_status',
      'status_invalid',
      'media_server_hostname',
      'messaging_server_url',
      'messaging_url',
      'symphony_address',
      'properties',
      'ice_server',
      'session_segment_id',
      'ice_servers',
      'ice_credential_expiration',
    ]);
    expect(session).toMatchObject({ project_id: API_KEY, partner_id: API_KEY, ice_credential_expiration: 86100 });
    expect(decodeSessionId(session.session_id).p2p).toBe(true);
  });

  it('accepts X-OPENTOK-AUTH and a moderator T1 token in X-TB-TOKEN-AUTH', async () => {
    const { url } = await emulator();
    const jwt = await create(url, { 'X-OPENTOK-AUTH': generateRestToken(CREDENTIALS) });
    expect(jwt.status).toBe(200);
    const sessionId = await createSession(url);
    const moderator = generateToken(CREDENTIALS, sessionId, { role: 'moderator', format: 't1' });
    expect((await create(url, { 'X-TB-TOKEN-AUTH': moderator })).status).toBe(200);
  });

  it('refuses missing, wrong, foreign and expired credentials with 403 and never echoes the secret', async () => {
    const { url } = await emulator();
    const other = { apiKey: '654321', apiSecret: API_SECRET };
    const sessionId = await createSession(url);
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'No suitable authentication found'],
      [{ 'X-TB-PARTNER-AUTH': `${API_KEY}:${API_SECRET.slice(1)}x` }, 'Invalid partner credentials'],
      [{ 'X-TB-PARTNER-AUTH': API_SECRET }, 'Invalid partner credentials'],
      [{ 'X-OPENTOK-AUTH': generateRestToken(other) }, 'Issuer not found'],
      [{ 'X-OPENTOK-AUTH': generateRestToken({ apiKey: API_KEY, apiSecret: 'x'.repeat(40) }) }, 'Invalid token'],
      [{ 'X-OPENTOK-AUTH': 'not.a.jwt' }, 'Invalid token'],
      [
        { 'X-TB-TOKEN-AUTH': generateToken(CREDENTIALS, sessionId, { role: 'publisher', format: 't1' }) },
        'Invalid token',
      ],
      [{ 'X-TB-TOKEN-AUTH': generateToken(CREDENTIALS, sessionId, { role: 'moderator' }) }, 'Invalid token'],
    ];
    for (const [headers, message] of cases) {
      const xml = await create(url, headers);
      expect(xml.status).toBe(403);
      expect(xml.type).toBe('application/xml');
      expect(xml.text).toContain(`<code>-1</code><message>${message}</message>`);
      const json = await create(url, { ...headers, Accept: 'application/json' });
      expect(json.status).toBe(403);
      expect(JSON.parse(json.text)).toMatchObject({ code: -1, message });
      expect(xml.text + json.text).not.toContain(API_SECRET);
      expect(xml.text + json.text).not.toContain(API_SECRET.slice(1));
    }
  });

  it('checks the X-OPENTOK-AUTH expiry against the emulator clock', async () => {
    const { url } = await emulator({ now: () => Date.now() + 301_000 });
    const expired = await create(url, { 'X-OPENTOK-AUTH': generateRestToken(CREDENTIALS), Accept: 'application/json' });
    expect(expired.status).toBe(403);
    expect(JSON.parse(expired.text)).toMatchObject({ code: -1, message: 'Invalid token' });
    expect(JSON.parse(expired.text).description).toMatch(/expired/);
  });

  it('validates the form: 400 for bad values and forbidden combinations', async () => {
    const { url } = await emulator();
    const headers = { ...PARTNER_AUTH, Accept: 'application/json' };
    for (const body of [
      'p2p.preference=maybe',
      'archiveMode=sometimes',
      'location=not-an-ip',
      'e2ee=yes',
      'archiveMode=always&p2p.preference=enabled',
      'e2ee=true&p2p.preference=enabled',
      'e2ee=true&archiveMode=always&p2p.preference=disabled',
      'archiveName=x&archiveMode=manual',
      'archiveMode=always&archiveResolution=1x1&p2p.preference=disabled',
    ]) {
      const answer = await create(url, headers, body);
      expect(answer.status, body).toBe(400);
      expect(JSON.parse(answer.text).code).toBe(400);
    }
    // What real clients send is accepted: dotnet's capitalised booleans, 2012's "localhost".
    expect((await create(url, headers, 'e2ee=False&location=&p2p.preference=disabled')).status).toBe(200);
    expect((await create(url, headers, 'location=localhost&api_key=123456')).status).toBe(200);
    expect((await create(url, headers, 'e2ee=True&p2p.preference=disabled&archiveMode=manual')).status).toBe(200);
  });
});
