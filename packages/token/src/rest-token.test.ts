import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from './__fixtures__/tokens.json' with { type: 'json' };
import { decodeRestToken, verifyRestToken } from './decode.js';
import { InvalidArgumentError, InvalidTokenError, TokenExpiredError } from './errors.js';
import { generateToken, ROLES } from './generate.js';
import { generateRestToken } from './rest-token.js';
import { encodeSessionId } from './session-id.js';

const credentials = { apiKey: '123456', apiSecret: vectors.api_secret };
const decodePart = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString());

describe('generateRestToken', () => {
  it('makes an HS256 JWT with iss, ist, iat, exp and a fresh jti', () => {
    const before = Math.floor(Date.now() / 1000);
    const token = generateRestToken(credentials);
    const [header, payload] = token.split('.').slice(0, 2).map(decodePart);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      iss: '123456',
      ist: 'project',
      iat: expect.any(Number),
      exp: payload.iat + 300,
      jti: expect.any(String),
    });
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    expect(payload.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(decodeRestToken(generateRestToken(credentials)).jti).not.toBe(payload.jti);
  });

  it('honours ttl and rejects a bad one', () => {
    const claims = verifyRestToken(generateRestToken(credentials, { ttl: 60 }), credentials);
    expect(claims.expireTime - (claims.issuedAt ?? 0)).toBe(60);
    for (const ttl of [0, -1, 1.5, 3601, Number.NaN, '60']) {
      expect(() => generateRestToken(credentials, { ttl: ttl as number })).toThrow(InvalidArgumentError);
    }
  });
});

describe('verifyRestToken', () => {
  it('accepts the official SDK REST token at its time, and rejects it later', () => {
    const official = vectors.vectors[3]!.token;
    expect(verifyRestToken(official, credentials, { now: 1795401100 })).toEqual({
      apiKey: '123456',
      issuedAt: 1795401082,
      expireTime: 1795401382,
      jti: undefined,
    });
    expect(() => verifyRestToken(official, credentials, { now: 1795401382 })).toThrow(TokenExpiredError);
  });

  it('accepts ist in the JOSE header (as the Ruby SDK sends it)', () => {
    const now = Math.floor(Date.now() / 1000);
    const head = Buffer.from('{"ist":"project","alg":"HS256"}').toString('base64url');
    const body = Buffer.from(JSON.stringify({ iss: '123456', iat: now, exp: now + 300 })).toString('base64url');
    // Signed with the project secret by a verifier-independent HMAC.
    const signature = createHmac('sha256', credentials.apiSecret).update(`${head}.${body}`).digest('base64url');
    expect(verifyRestToken(`${head}.${body}.${signature}`, credentials).apiKey).toBe('123456');
  });

  it('rejects another key, another secret, a client token and garbage', () => {
    const token = generateRestToken(credentials);
    expect(() => verifyRestToken(token, { apiKey: '1', apiSecret: credentials.apiSecret })).toThrow(
      expect.objectContaining({ reason: 'api-key' }),
    );
    expect(() => verifyRestToken(token, { ...credentials, apiSecret: 'x' })).toThrow(
      expect.objectContaining({ reason: 'signature' }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.string()), (input) => {
        try {
          verifyRestToken(input as string, credentials);
          decodeRestToken(input as string);
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidTokenError);
        }
      }),
    );
  });
});

describe('verifyRestToken: only REST tokens, issued now, short-lived', () => {
  const now = 1_795_401_100;
  const sign = (payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT' }) => {
    const input = [header, payload].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.');
    return `${input}.${createHmac('sha256', credentials.apiSecret).update(input).digest('base64url')}`;
  };
  const rest = (claims: Record<string, unknown> = {}) =>
    sign({ iss: '123456', ist: 'project', iat: now, exp: now + 300, ...claims });
  const refusal = (token: string, options: Parameters<typeof verifyRestToken>[2] = { now }) => {
    try {
      verifyRestToken(token, credentials, options);
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('accepts what the official SDKs send: 180 s and 300 s lifetimes, ist as claim or header, no jti', () => {
    expect(verifyRestToken(rest(), credentials, { now })).toMatchObject({ apiKey: '123456', issuedAt: now });
    expect(verifyRestToken(rest({ exp: now + 180, jti: '0.5' }), credentials, { now }).jti).toBe('0.5');
    const ruby = sign({ iss: '123456', iat: now, exp: now + 300 }, { ist: 'project', alg: 'HS256' });
    expect(verifyRestToken(ruby, credentials, { now }).expireTime).toBe(now + 300);
  });

  it('refuses a client token of every role and format, signed with the right secret', () => {
    const sessionId = encodeSessionId({ apiKey: credentials.apiKey });
    for (const role of ROLES) {
      for (const format of ['jwt', 't1'] as const) {
        const token = generateToken(credentials, sessionId, { role, format });
        for (const call of [() => verifyRestToken(token, credentials), () => decodeRestToken(token)]) {
          expect(call).toThrow(InvalidTokenError);
          expect(call).toThrow(expect.objectContaining({ reason: 'claims' }));
        }
      }
    }
    // Any one mark of a client token is enough.
    for (const claim of ['scope', 'session_id', 'role']) {
      expect(refusal(rest({ [claim]: 'session.connect' }))).toMatchObject({ reason: 'claims' });
    }
  });

  it('refuses an issue time further ahead than the clock tolerance (300 s by default, configurable)', () => {
    expect(refusal(rest({ iat: now + 300, exp: now + 600 }))).toBeUndefined();
    expect(refusal(rest({ iat: now + 301, exp: now + 601 }))).toMatchObject({ reason: 'claims' });
    expect(refusal(rest({ iat: now + 365 * 86400, exp: now + 365 * 86400 + 300 }))).toMatchObject({
      reason: 'claims',
      message: expect.stringContaining('in the future'),
    });
    expect(refusal(rest({ iat: now + 30, exp: now + 330 }), { now, clockTolerance: 10 })).toMatchObject({
      reason: 'claims',
    });
    expect(refusal(rest({ iat: now + 30, exp: now + 330 }), { now, clockTolerance: 30 })).toBeUndefined();
  });

  it('refuses a lifetime over maxLifetime (3600 s by default), counted from iat and from now', () => {
    expect(refusal(rest({ exp: now + 3600 }))).toBeUndefined();
    expect(refusal(rest({ exp: now + 3601 }))).toMatchObject({
      reason: 'claims',
      message: expect.stringContaining('lifetime'),
    });
    expect(refusal(rest({ exp: now + 10 * 365 * 86400 }))).toMatchObject({ reason: 'claims' });
    // Without iat, exp may lie at most maxLifetime + clockTolerance ahead.
    expect(refusal(rest({ iat: undefined, exp: now + 3900 }))).toBeUndefined();
    expect(refusal(rest({ iat: undefined, exp: now + 3901 }))).toMatchObject({ reason: 'claims' });
    expect(refusal(rest({ exp: now + 301 }), { now, maxLifetime: 300 })).toMatchObject({ reason: 'claims' });
    expect(refusal(rest({ exp: now + 7200 }), { now, maxLifetime: 7200 })).toBeUndefined();
    // A generated token with the longest ttl passes the default.
    expect(verifyRestToken(generateRestToken(credentials, { ttl: 3600 }), credentials).apiKey).toBe('123456');
  });

  it('refuses unknown and bad options with InvalidArgumentError', () => {
    expect(() => verifyRestToken(rest(), credentials, { now, clockTolerence: 5 } as never)).toThrow(
      "Unknown option 'clockTolerence' (did you mean 'clockTolerance'?)",
    );
    for (const options of [{ clockTolerance: -1 }, { clockTolerance: '5' }, { maxLifetime: 0 }, { now: 'later' }]) {
      expect(() => verifyRestToken(rest(), credentials, options as never)).toThrow(InvalidArgumentError);
    }
    expect(() => generateRestToken(credentials, { tll: 60 } as never)).toThrow(
      expect.objectContaining({
        argument: 'tll',
        message: "[@opentok/token] Unknown option 'tll' (did you mean 'ttl'?)",
      }),
    );
  });
});
