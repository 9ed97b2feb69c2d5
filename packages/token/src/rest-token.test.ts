import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import vectors from './__fixtures__/tokens.json' with { type: 'json' };
import { decodeRestToken, verifyRestToken } from './decode.js';
import { InvalidArgumentError, InvalidTokenError, TokenExpiredError } from './errors.js';
import { generateRestToken } from './rest-token.js';

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
