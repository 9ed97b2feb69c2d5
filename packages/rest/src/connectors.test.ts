/**
 * The connectors' client-side checks (SIP, Experience Composer, live captions, Audio
 * Connector): every bad input is an `InvalidArgumentError` before any request, a token or a
 * password in the wrong place is never quoted, and the service's answers (fixtures) decode
 * with every field kept.
 */
import { InvalidArgumentError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer, fixture } from '../test/helpers.js';
import { toAudioConnectorBody } from './audio-connector.js';
import { toCaptions, toStartCaptionsBody } from './captions.js';
import { createClient } from './client.js';
import { ResponseParseError } from './errors.js';
import { toRender, toStartRenderBody } from './renders.js';
import { DTMF_DIGITS, toDialBody, toDigits, toSipCall } from './sip.js';

const SESSION = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-UTltY1hHMVFyTjNUSVl1OHkrcHB4L2dzfn5-';
const TOKEN = 'T1==cGFydG5lcl9pZD0xMjM0NTYmc2lnPWFiY2RlZjpzZXNzaW9uX2lkPTFfTVg0eA==';

const refused = (run: () => unknown): InvalidArgumentError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidArgumentError);
    return error as InvalidArgumentError;
  }
  throw new Error('expected an InvalidArgumentError');
};

describe('SIP checks', () => {
  it('builds the dial body, sending only what was given', () => {
    expect(toDialBody(SESSION, TOKEN, { uri: 'sip:alice@sip.example.com' })).toEqual({
      sessionId: SESSION,
      token: TOKEN,
      sip: { uri: 'sip:alice@sip.example.com' },
    });
    const full = toDialBody(SESSION, TOKEN, {
      uri: 'sips:+15551234567@sip.example.com;transport=tls',
      from: '15557654321@example.com',
      headers: { 'X-Room': '7' },
      auth: { username: 'bob', password: 'pw' },
      secure: false,
      video: true,
      observeForceMute: true,
      streams: ['s1'],
    });
    expect(full.sip).toEqual({
      uri: 'sips:+15551234567@sip.example.com;transport=tls',
      from: '15557654321@example.com',
      headers: { 'X-Room': '7' },
      auth: { username: 'bob', password: 'pw' },
      secure: false,
      video: true,
      observeForceMute: true,
      streams: ['s1'],
    });
  });

  it('refuses a URI of another scheme, bad headers, auth without a username, unknown options', () => {
    for (const options of [
      { uri: 'tel:+15551234567' },
      { uri: 'http://example.com' },
      { uri: 'sip:' },
      { uri: 'sip:has space@example.com' },
      { uri: 'sip:a@b', headers: { 'X-Bad': 7 } },
      { uri: 'sip:a@b', headers: { 'bad name': 'x' } },
      { uri: 'sip:a@b', auth: { password: 'pw' } },
      { uri: 'sip:a@b', video: 'yes' },
      { uri: 'sip:a@b', streams: [] },
      { uri: 'sip:a@b', vidoe: true },
    ]) {
      refused(() => toDialBody(SESSION, TOKEN, options as never));
    }
    refused(() => toDialBody(SESSION, TOKEN, undefined as never));
    refused(() => toDialBody(SESSION, '', { uri: 'sip:a@b' }));
  });

  it('accepts exactly the DTMF digits 0-9, *, # and p', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9*#p]{1,40}$/), (digits) => {
        expect(toDigits(digits)).toBe(digits);
      }),
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40 }), (digits) => {
        if (DTMF_DIGITS.test(digits)) expect(toDigits(digits)).toBe(digits);
        else refused(() => toDigits(digits));
      }),
    );
    refused(() => toDigits(''));
    refused(() => toDigits(1234));
  });

  it('reads the dial answers of the fixtures, keeping every field; refuses one without ids', () => {
    for (const file of ['sip-dial', 'sip-dial-minimal']) {
      const raw = JSON.parse(fixture(`json/${file}.json`)) as Record<string, unknown>;
      const call = toSipCall(answer(''), raw);
      for (const key of Object.keys(raw)) expect(call).toHaveProperty(key, raw[key]);
    }
    expect(() => toSipCall(answer(''), { id: 'x' })).toThrow(ResponseParseError);
  });
});

describe('render checks', () => {
  const good = { sessionId: SESSION, token: TOKEN, url: 'https://example.com/stage-view' };

  it('builds the start body', () => {
    expect(toStartRenderBody(good)).toEqual(good);
    expect(
      toStartRenderBody({ ...good, maxDuration: 60, resolution: '1080x1920', properties: { name: 'Stage' } }),
    ).toEqual({ ...good, maxDuration: 60, resolution: '1080x1920', properties: { name: 'Stage' } });
  });

  it('refuses a short or non-http URL, durations outside 60-36000, unknown resolutions, bad names', () => {
    for (const bad of [
      { url: 'https://a.io' },
      { url: 'ftp://example.com/stage-view' },
      { url: 'x'.repeat(2049) },
      { maxDuration: 59 },
      { maxDuration: 36_001 },
      { maxDuration: 100.5 },
      { resolution: '800x600' },
      { properties: { name: '' } },
      { properties: { name: 'n'.repeat(201) } },
      { properties: { title: 'x' } },
      { statusCallbackUrl: 'nope' },
      { token: '' },
      { sessionId: undefined },
    ]) {
      refused(() => toStartRenderBody({ ...good, ...bad } as never));
    }
    refused(() => toStartRenderBody(undefined as never));
  });

  it('reads renders from the fixtures with every field, projectId as a string', () => {
    for (const file of ['render', 'render-failed']) {
      const raw = JSON.parse(fixture(`json/${file}.json`)) as Record<string, unknown>;
      const render = toRender(answer(''), raw, '123456');
      for (const key of Object.keys(raw)) expect(render).toHaveProperty(key);
      expect(typeof render.projectId).toBe('string');
    }
    expect(toRender(answer(''), { id: 'r', sessionId: 's', status: 'started', projectId: 42 }, '1')).toMatchObject({
      projectId: '42',
      resolution: '1280x720',
    });
    expect(() => toRender(answer(''), { id: 'r', sessionId: 's', status: 'running' }, '1')).toThrow(ResponseParseError);
  });
});

describe('captions checks', () => {
  it('builds the start body and refuses bad options', () => {
    expect(toStartCaptionsBody(SESSION, TOKEN, undefined)).toEqual({ sessionId: SESSION, token: TOKEN });
    expect(
      toStartCaptionsBody(SESSION, TOKEN, { languageCode: 'pt-BR', maxDuration: 300, partialCaptions: false }),
    ).toEqual({ sessionId: SESSION, token: TOKEN, languageCode: 'pt-BR', maxDuration: 300, partialCaptions: false });
    for (const bad of [
      { languageCode: 'english' },
      { maxDuration: 299 },
      { maxDuration: 14_401 },
      { partialCaptions: 'true' },
      { statusCallbackUrl: 'https://a.b' },
      { language: 'en-US' },
    ]) {
      refused(() => toStartCaptionsBody(SESSION, TOKEN, bad as never));
    }
  });

  it('reads the status answer, captionId or captionsId', () => {
    const raw = {
      captionId: 'c1',
      projectId: 123456,
      sessionId: SESSION,
      status: 'started',
      createdAt: 1,
      updatedAt: 2,
      duration: 0,
      languageCode: 'en-US',
      provider: 'aws-transcribe',
    };
    expect(toCaptions(answer(''), raw, '1')).toEqual({ ...raw, captionsId: 'c1', projectId: '123456' });
    expect(() => toCaptions(answer(''), { ...raw, captionId: undefined }, '1')).toThrow(ResponseParseError);
  });
});

describe('Audio Connector checks', () => {
  it('builds the body and refuses other schemes, rates and oversize headers', () => {
    expect(toAudioConnectorBody(SESSION, TOKEN, { uri: 'wss://example.com/a', audioRate: 8000 })).toEqual({
      sessionId: SESSION,
      token: TOKEN,
      websocket: { uri: 'wss://example.com/a', audioRate: 8000 },
    });
    for (const bad of [
      { uri: 'https://example.com/a' },
      { uri: 'ws://example.com/a', audioRate: 44100 },
      { uri: 'ws://example.com/a', audioRate: '24000' },
      { uri: 'ws://example.com/a', headers: { 'X-Big': 'x'.repeat(510) } },
      { uri: 'ws://example.com/a', bidirectional: 1 },
      { uri: 'ws://example.com/a', streams: 'all' },
    ]) {
      refused(() => toAudioConnectorBody(SESSION, TOKEN, bad as never));
    }
  });
});

describe('Audio Connector: 24 kHz and the JSON transport', () => {
  it('sends audioRate 24000 and a JSON transport as given', () => {
    const audioTransport = {
      transport: 'json',
      encoding: 'base64',
      audioField: 'payload',
      receiveAudioField: 'reply',
      staticFields: { event: 'media', sequence: 1, live: true, note: null },
    } as const;
    expect(
      toAudioConnectorBody(SESSION, TOKEN, { uri: 'wss://example.com/a', audioRate: 24000, audioTransport }),
    ).toEqual({
      sessionId: SESSION,
      token: TOKEN,
      websocket: { uri: 'wss://example.com/a', audioRate: 24000, audioTransport },
    });
    expect(
      toAudioConnectorBody(SESSION, TOKEN, { uri: 'wss://example.com/a', audioTransport: { transport: 'binary' } })
        .websocket,
    ).toEqual({ uri: 'wss://example.com/a', audioTransport: { transport: 'binary' } });
  });

  it.each([
    [{ transport: 'xml' }],
    [{}],
    [{ transport: 'json' }],
    [{ transport: 'json', encoding: 'hex' }],
    [{ transport: 'binary', encoding: 'base64' }],
    [{ transport: 'binary', audioField: 'audio' }],
    [{ transport: 'json', encoding: 'base64', audioField: '' }],
    [{ transport: 'json', encoding: 'base64', audioField: 'has space' }],
    [{ transport: 'json', encoding: 'base64', staticFields: { audio: 'x' } }],
    [{ transport: 'json', encoding: 'base64', audioField: 'a', staticFields: { a: 'x' } }],
    [{ transport: 'json', encoding: 'base64', staticFields: { nested: {} } }],
    [{ transport: 'json', encoding: 'base64', staticFields: { big: 'x'.repeat(1100) } }],
    [{ transport: 'json', encoding: 'base64', other: 1 }],
    ['json'],
  ])('refuses the audio transport %j', (audioTransport) => {
    refused(() => toAudioConnectorBody(SESSION, TOKEN, { uri: 'wss://example.com/a', audioTransport } as never));
  });
});

describe('secrets in the wrong place', () => {
  it('never quotes a token or password passed where it does not belong', async () => {
    const client = createClient({ apiKey: '123456', apiSecret: 'secret', apiUrl: 'http://127.0.0.1:9', retry: 0 });
    await fc.assert(
      fc.asyncProperty(
        fc.string({ minLength: 12, maxLength: 80 }).filter((text) => text.trim().length >= 12),
        async (secret) => {
          const failures = await Promise.all([
            client.sip.dial(SESSION, TOKEN, { uri: secret }).catch((error: unknown) => error),
            client.sip
              .dial(SESSION, TOKEN, {
                uri: 'sip:a@b',
                auth: { username: 'u', password: 7 as never },
                from: secret as never,
                streams: [],
              })
              .catch((error: unknown) => error),
            client.sip.playDtmf(SESSION, `${secret}x`).catch((error: unknown) => error),
            client.renders.start({ sessionId: SESSION, token: secret, url: secret }).catch((error: unknown) => error),
            client.captions.start(SESSION, TOKEN, { languageCode: secret }).catch((error: unknown) => error),
            client.audioConnector.start(SESSION, secret, { uri: secret }).catch((error: unknown) => error),
          ]);
          for (const failure of failures) {
            expect(failure).toBeInstanceOf(InvalidArgumentError);
            expect(String((failure as Error).message)).not.toContain(secret);
          }
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('client tokens in bodies', () => {
  it('takes a token with 1000 characters of connection data, refuses one with spaces or control characters', async () => {
    const { generateToken } = await import('@opentok/token');
    const session = '1_MX4xMjM0NTZ-fjE3Mzk1Mzg4OTQ5NTl-UTltY1hHMVFyTjNUSVl1OHkrcHB4L2dzfn5-';
    const long = generateToken({ apiKey: '123456', apiSecret: 'secret' }, session, { data: 'd'.repeat(1000) });
    expect(long.length).toBeGreaterThan(1024);
    expect(toDialBody(session, long, { uri: 'sip:a@b' }).token).toBe(long);
    refused(() => toDialBody(session, 'has space', { uri: 'sip:a@b' }));
    refused(() => toDialBody(session, 'tab\there', { uri: 'sip:a@b' }));
  });
});
