/**
 * Known answers made live: tokens from the official `opentok` 2.x package must pass our
 * verifier, and our T1 tokens must pass the decoder and signature check that ship with the
 * official `opentok-token` encoder.
 */
import { createRequire } from 'node:module';
import {
  createTokenGenerator,
  decodeSessionId,
  encodeSessionId,
  generateToken,
  InvalidTokenError,
  type Role,
  verifyToken,
} from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const OfficialOpenTok = require('official-opentok') as new (
  apiKey: string,
  apiSecret: string,
) => {
  generateToken(sessionId: string, options?: Record<string, unknown>, t1?: boolean): string;
};
const encodeOfficialT1 = require('opentok-token') as (
  data: Record<string, unknown>,
  key: string,
  secret: string,
) => string;
const officialHelpers = require('opentok-token/helpers') as {
  decodeToken(token: string): Record<string, string>;
  verifyTokenSignature(token: string, secret: string): boolean;
};

const apiKey = '123456';
const apiSecret = '1234567890abcdef1234567890abcdef1234567890';
const credentials = { apiKey, apiSecret };
const official = new OfficialOpenTok(apiKey, apiSecret);
const roles: Role[] = ['publisher', 'subscriber', 'moderator', 'publisheronly'];
const data = fc.string({ maxLength: 200, unit: 'grapheme' });

describe('tokens made by the official opentok 2.23.2 pass verifyToken', () => {
  it('JWT, its default, with every option', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...roles),
        data,
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { maxLength: 3 }),
        (role, text, classes) => {
          const sessionId = encodeSessionId({ apiKey });
          const options: Record<string, unknown> = { role, initialLayoutClassList: classes };
          if (text) options.data = text;
          const claims = verifyToken(official.generateToken(sessionId, options), credentials);
          expect(claims).toMatchObject({ format: 'jwt', apiKey, sessionId, role });
          expect(claims.data).toBe(text || undefined);
          expect(claims.initialLayoutClassList).toEqual(classes.length ? classes : undefined);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('T1, on request, with every option', () => {
    fc.assert(
      fc.property(fc.constantFrom(...roles), data, (role, text) => {
        const sessionId = encodeSessionId({ apiKey, mediaMode: 'relayed' });
        const expireTime = Math.floor(Date.now() / 1000) + 3600;
        const options: Record<string, unknown> = { role, expireTime };
        if (text) options.data = text;
        const token = official.generateToken(sessionId, options, true);
        expect(token.startsWith('T1==')).toBe(true);
        const claims = verifyToken(token, credentials);
        expect(claims).toMatchObject({ format: 't1', sessionId, role, expireTime });
        expect(claims.data).toBe(text || undefined);
      }),
      { numRuns: 100 },
    );
  });

  it('T1 from the opentok-token encoder, including the REST-auth form without expire_time', () => {
    const sessionId = encodeSessionId({ apiKey });
    const token = encodeOfficialT1({ session_id: sessionId, role: 'moderator' }, apiKey, apiSecret);
    expect(verifyToken(token, credentials)).toMatchObject({ role: 'moderator', sessionId });
  });

  it('but not when they are signed with another secret', () => {
    const other = new OfficialOpenTok(apiKey, 'ffffffffffffffffffffffffffffffffffffffff');
    const sessionId = encodeSessionId({ apiKey });
    for (const t1 of [false, true]) {
      expect(() => verifyToken(other.generateToken(sessionId, {}, t1), credentials)).toThrow(InvalidTokenError);
    }
  });
});

describe('our T1 tokens pass the official decoder and signature check', () => {
  it('for any role, data and class list', () => {
    const sign = createTokenGenerator(credentials);
    fc.assert(
      fc.property(
        fc.constantFrom(...roles),
        data,
        fc.array(fc.stringMatching(/^[\w-]{1,8}$/), { maxLength: 3 }),
        (role, text, classes) => {
          const sessionId = encodeSessionId({ apiKey });
          const token = sign(sessionId, { format: 't1', role, data: text, initialLayoutClassList: classes });
          expect(officialHelpers.verifyTokenSignature(token, apiSecret)).toBe(true);
          expect(officialHelpers.verifyTokenSignature(token, 'another-secret')).toBe(false);
          const decoded = officialHelpers.decodeToken(token);
          expect(decoded).toMatchObject({ partner_id: apiKey, session_id: sessionId, role, connection_data: text });
          expect(decoded.initial_layout_class_list).toBe(classes.join(' '));
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('session IDs', () => {
  it('the official SDK accepts the IDs we encode, and we decode them the same', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 40 }), (key) => {
        const sessionId = encodeSessionId({ apiKey: key });
        const sdk = new OfficialOpenTok(String(key), apiSecret);
        // Its ownership check throws for a foreign ID; a token proves it accepted ours.
        expect(typeof sdk.generateToken(sessionId)).toBe('string');
        expect(decodeSessionId(sessionId).apiKey).toBe(String(key));
      }),
      { numRuns: 50 },
    );
  });

  it('both reject the same foreign session ID', () => {
    const foreign = encodeSessionId({ apiKey: 654321 });
    expect(() => official.generateToken(foreign)).toThrow();
    expect(() => generateToken(credentials, foreign)).toThrow('An invalid session ID was passed');
  });
});
