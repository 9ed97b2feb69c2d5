import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSigner } from '#crypto';
import vectors from './__fixtures__/tokens.json' with { type: 'json' };
import { decodeToken, verifyToken } from './decode.js';
import {
  InvalidArgumentError,
  InvalidSessionIdError,
  InvalidTokenError,
  OpenTokError,
  TokenExpiredError,
} from './errors.js';
import { createTokenGenerator, generateToken, ROLES, type TokenOptions } from './generate.js';
import { encodeSessionId } from './session-id.js';

const credentials = { apiKey: vectors.api_key, apiSecret: vectors.api_secret };
const sessionId = vectors.session_id;
const [t1Publisher, t1Moderator, jwtSubscriber] = vectors.vectors as Array<{ token: string; signed_data?: string }>;
/** Fixtures were signed at 1795401083 (Nov 2026). */
const signedAt = 1795401090;

function innerOf(token: string): string {
  return new TextDecoder().decode(Uint8Array.from(atob(token.slice(4)), (char) => char.charCodeAt(0)));
}

describe('known answers: tokens made by the official opentok 2.23.1', () => {
  it('verifies its T1 publisher token', () => {
    expect(verifyToken(t1Publisher!.token, credentials, { now: signedAt })).toEqual({
      format: 't1',
      apiKey: '123456',
      sessionId,
      role: 'publisher',
      createTime: 1795401083,
      expireTime: 1795487483,
      nonce: '0.051554589901795955',
    });
  });

  it('verifies its T1 moderator token with escaped data and a class list', () => {
    expect(verifyToken(t1Moderator!.token, credentials, { now: signedAt })).toMatchObject({
      role: 'moderator',
      data: 'name=Johnny & co',
      initialLayoutClassList: ['focus', 'inactive'],
    });
  });

  it('verifies its JWT subscriber token', () => {
    expect(verifyToken(jwtSubscriber!.token, credentials, { now: new Date(signedAt * 1000) })).toEqual({
      format: 'jwt',
      apiKey: '123456',
      sessionId,
      role: 'subscriber',
      createTime: 1795401083,
      expireTime: 1795487483,
      nonce: '0.20591205757290454',
      data: 'userId:42',
    });
  });

  it('decodes the real 2012 token (secret unknown) and refuses it for another secret', () => {
    const recorded = vectors.vectors[4]!.token;
    expect(decodeToken(recorded)).toMatchObject({ apiKey: '459782', role: 'moderator', createTime: 1346801245 });
    expect(() => verifyToken(recorded, { apiKey: '459782', apiSecret: 'not-it' }, { now: 1346801300 })).toThrow(
      expect.objectContaining({ reason: 'signature' }),
    );
  });

  it('reproduces the official signatures with this seam', () => {
    for (const vector of vectors.vectors.slice(0, 2)) {
      expect(createSigner('sha1', credentials.apiSecret)(vector.signed_data as string)).toBe(vector.expected_sig);
    }
    for (const vector of vectors.vectors.slice(2, 4)) {
      const [header, payload, signature] = vector.token.split('.');
      expect(createSigner('sha256', credentials.apiSecret)(`${header}.${payload}`)).toBe(signature);
    }
  });

  it('computes the HMACs node:crypto does for any secret and data, longer than a block or the buffer too', () => {
    const text = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 300, size: 'max' }),
    );
    // Several calls per signer, some longer than its first buffer (1024 bytes) holds.
    const data = fc.array(fc.oneof(text, fc.string({ unit: 'grapheme', minLength: 300, maxLength: 3000 })));
    fc.assert(
      fc.property(fc.constantFrom('sha256' as const, 'sha1' as const), text, data, (algorithm, secret, data) => {
        const sign = createSigner(algorithm, secret);
        const encoding = algorithm === 'sha256' ? 'base64url' : 'hex';
        for (const item of data) expect(sign(item)).toBe(createHmac(algorithm, secret).update(item).digest(encoding));
      }),
    );
  });
});

describe('generateToken', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(1795401083_000));
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('makes a JWT by default with the claims the official SDK sends', () => {
    const token = generateToken(credentials, sessionId, { data: 'userId:42' });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({
      iss: '123456',
      ist: 'project',
      iat: 1795401083,
      exp: 1795487483,
      session_id: sessionId,
      create_time: 1795401083,
      nonce: expect.any(Number),
      role: 'publisher',
      expire_time: 1795487483,
      connection_data: 'userId:42',
      initial_layout_class_list: '',
      scope: 'session.connect',
    });
  });

  it('makes T1 tokens in the official field order and escaping', () => {
    const token = generateToken(credentials, sessionId, {
      format: 't1',
      role: 'moderator',
      data: 'name=Johnny & co',
      initialLayoutClassList: ['focus', 'inactive'],
    });
    const inner = innerOf(token);
    expect(inner).toMatch(
      new RegExp(
        `^partner_id=123456&sig=[0-9a-f]{40}:session_id=${sessionId}&create_time=1795401083&nonce=\\d+&role=moderator` +
          '&expire_time=1795487483&connection_data=name%3DJohnny%20%26%20co&initial_layout_class_list=focus%20inactive' +
          '&scope=session.connect$',
      ),
    );
    // With the official vector's nonce in place of ours, the signature is the official one.
    const official = innerOf(t1Moderator!.token);
    const ours = inner.replace(/nonce=\d+/, 'nonce=0.6917123271292767');
    expect(ours.slice(ours.indexOf(':'))).toBe(official.slice(official.indexOf(':')));
  });

  it('uses a fresh nonce for every token', () => {
    const sign = createTokenGenerator(credentials);
    const nonces = new Set(Array.from({ length: 1000 }, () => decodeToken(sign(sessionId)).nonce));
    expect(nonces.size).toBe(1000);
  });

  it('validates credentials without ever showing the secret', () => {
    const secret = 'ultra-secret-value-0123456789';
    const attempts: Array<() => unknown> = [
      () => generateToken({ apiKey: 'not-a-key', apiSecret: secret }, sessionId),
      () => generateToken({ apiKey: '123456', apiSecret: '' }, sessionId),
      () => generateToken({ apiKey: '654321', apiSecret: secret }, sessionId),
      () => generateToken({ apiKey: '123456', apiSecret: secret }, sessionId, { role: 'king' as 'publisher' }),
      () => generateToken({ apiKey: '123456', apiSecret: secret }, sessionId, { expireTime: 1 }),
      () => generateToken(null as never, sessionId),
    ];
    for (const attempt of attempts) {
      let caught: unknown;
      try {
        attempt();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InvalidArgumentError);
      const error = caught as Error;
      for (const text of [error.message, String(error), inspect(error), JSON.stringify(error), error.stack ?? '']) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('fails with the original messages for empty and foreign session IDs', () => {
    expect(() => generateToken(credentials, '')).toThrow(
      new InvalidSessionIdError('sessionId', '[@opentok/token] Null or empty session ID is not valid'),
    );
    expect(() => generateToken(credentials, null as never)).toThrow('Null or empty session ID is not valid');
    const foreign = encodeSessionId({ apiKey: 654321 });
    expect(() => generateToken(credentials, foreign)).toThrow('An invalid session ID was passed');
    expect(() => generateToken(credentials, 'garbage')).toThrow('An invalid session ID was passed');
    // A fresh generator has no known session yet: a missing one on the first call fails too.
    expect(() => createTokenGenerator(credentials)(undefined as never)).toThrow(
      'Null or empty session ID is not valid',
    );
    // The generator caches the last good session: a bad one after a good one still fails.
    const sign = createTokenGenerator(credentials);
    sign(sessionId);
    expect(() => sign('')).toThrow(InvalidSessionIdError);
    expect(() => sign(foreign)).toThrow(InvalidSessionIdError);
  });

  it.each<[string, TokenOptions, string]>([
    [
      'a role outside the four',
      { role: 'admin' as 'publisher' },
      'role must be one of publisher, subscriber, moderator, publisheronly',
    ],
    ['an expiry in the past', { expireTime: 1795401083 }, 'Expire time must be in the future'],
    [
      'an expiry beyond 30 days',
      { expireTime: 1795401083 + 30 * 86400 + 1 },
      'Expire time must be in the next 30 days',
    ],
    ['an expiry that is not a time', { expireTime: 'tomorrow' as unknown as number }, 'Expire time must be a number'],
    ['data over 1000 characters', { data: 'x'.repeat(1001) }, 'at most 1000 characters'],
    ['data that is not a string', { data: 42 as unknown as string }, 'Connection data must be a string'],
    ['data with a lone surrogate', { data: 'a\ud800b' }, 'lone surrogate'],
    ['a class list that is a string', { initialLayoutClassList: 'focus' as unknown as string[] }, 'must be an array'],
    ['a class name with a space', { initialLayoutClassList: ['a b'] }, 'without spaces'],
    ['an unknown format', { format: 'paseto' as 'jwt' }, "format must be 'jwt' or 't1'"],
  ])('rejects %s', (_, options, message) => {
    expect(() => generateToken(credentials, sessionId, options)).toThrow(message);
    expect(() => generateToken(credentials, sessionId, options)).toThrow(InvalidArgumentError);
  });

  it('accepts the limits themselves: 1000 characters of data, an expiry exactly 30 days ahead, a Date', () => {
    const options = { data: 'x'.repeat(1000), expireTime: 1795401083 + 30 * 86400 };
    expect(decodeToken(generateToken(credentials, sessionId, options)).expireTime).toBe(options.expireTime);
    const date = new Date((1795401083 + 3600) * 1000);
    expect(decodeToken(generateToken(credentials, sessionId, { expireTime: date })).expireTime).toBe(1795401083 + 3600);
  });
});

const tokenOptions = fc.record(
  {
    role: fc.constantFrom(...ROLES),
    expireTime: fc.integer({ min: 1, max: 30 * 86400 }),
    // Short and long (up to the 1000-character limit) text of every kind of character.
    data: fc
      .oneof(
        ...(['grapheme', 'binary', 'grapheme-ascii'] as const).flatMap((unit) => [
          fc.string({ unit }),
          fc.string({ unit, maxLength: 500, size: 'max' }),
        ]),
      )
      .filter((data) => data.length <= 1000),
    initialLayoutClassList: fc.array(fc.stringMatching(/^[^\s]{1,20}$/), { maxLength: 5 }),
    format: fc.constantFrom('jwt' as const, 't1' as const),
  },
  { requiredKeys: [] },
);

describe('properties', () => {
  it('the option generator reaches non-ASCII, astral, & and % in data', () => {
    const samples = fc.sample(tokenOptions, { numRuns: 2000, seed: 42 }).map((options) => options.data ?? '');
    expect(samples.some((data) => [...data].some((char) => (char.codePointAt(0) ?? 0) > 127))).toBe(true);
    expect(samples.some((data) => /[\u{10000}-\u{10ffff}]/u.test(data))).toBe(true);
    expect(samples.some((data) => data.includes('&'))).toBe(true);
    expect(samples.some((data) => data.includes('%'))).toBe(true);
    expect(samples.some((data) => data.length > 500)).toBe(true);
  });

  it('generate → verify → decode preserves every field', () => {
    const sign = createTokenGenerator(credentials);
    fc.assert(
      fc.property(tokenOptions, (options) => {
        const data = options.data?.isWellFormed() ? options.data : undefined;
        const expireTime =
          options.expireTime === undefined ? undefined : Math.floor(Date.now() / 1000) + options.expireTime;
        const token = sign(sessionId, { ...options, data, expireTime });
        const claims = verifyToken(token, credentials);
        expect(claims).toEqual(decodeToken(token));
        expect(claims.format).toBe(options.format ?? 'jwt');
        expect(claims.role).toBe(options.role ?? 'publisher');
        expect(claims.sessionId).toBe(sessionId);
        expect(claims.apiKey).toBe('123456');
        expect(claims.data).toBe(data);
        expect(claims.initialLayoutClassList).toEqual(
          options.initialLayoutClassList?.length ? options.initialLayoutClassList : undefined,
        );
        if (expireTime !== undefined) expect(claims.expireTime).toBe(expireTime);
        else expect(claims.expireTime - claims.createTime).toBe(86400);
      }),
      { numRuns: 500 },
    );
  });

  it('no data value can change the role, session or expiry of a token', () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '&role=moderator',
        'x&role=moderator&session_id=1_evil&expire_time=9999999999',
        '","role":"moderator","exp":9999999999,"x":"',
        ':partner_id=1&sig=0',
        '%26role%3Dmoderator',
        '\u0000\n&=:',
      ),
      fc
        .array(fc.constantFrom('&', '=', ':', '"', '\\', '%', '+', 'role', 'moderator', '🎥', 'é'))
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(hostile, fc.constantFrom('jwt' as const, 't1' as const), (data, format) => {
        const token = generateToken(credentials, sessionId, { data, format, role: 'subscriber' });
        const claims = verifyToken(token, credentials);
        expect(claims).toMatchObject({ role: 'subscriber', sessionId, data });
        expect(claims.expireTime - claims.createTime).toBe(86400);
      }),
      { numRuns: 1000 },
    );
  });

  it('any garbage into decodeToken and verifyToken yields only our errors', () => {
    const garbage = fc.oneof(
      fc.anything(),
      fc.string(),
      fc.string().map((text) => `T1==${text}`),
      fc.string().map((text) => `T1==${btoa(unescape(encodeURIComponent(text)))}`),
      fc
        .tuple(fc.string(), fc.string(), fc.string())
        .map((parts) => parts.map((part) => Buffer.from(part).toString('base64url')).join('.')),
      fc
        .jsonValue()
        .map((value) => `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify(value)).toString('base64url')}.c2ln`),
      fc
        .constant(t1Moderator!.token)
        .chain((token) => fc.integer({ min: 4, max: token.length - 1 }).map((at) => token.slice(0, at))),
    );
    fc.assert(
      fc.property(garbage, (input) => {
        for (const call of [() => decodeToken(input as string), () => verifyToken(input as string, credentials)]) {
          try {
            call();
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidTokenError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});

describe('verifyToken', () => {
  const fresh = (options?: TokenOptions) => generateToken(credentials, sessionId, options);

  it('rejects a tampered token of either format', () => {
    for (const format of ['jwt', 't1'] as const) {
      const token = fresh({ format, role: 'subscriber' });
      const tampered =
        format === 'jwt'
          ? token.replace(
              /\.([^.]+)\./,
              (_, payload: string) =>
                `.${Buffer.from(Buffer.from(payload, 'base64url').toString().replace('subscriber', 'moderator')).toString('base64url')}.`,
            )
          : `T1==${btoa(innerOf(token).replace('role=subscriber', 'role=moderator'))}`;
      expect(decodeToken(tampered).role).toBe('moderator');
      expect(() => verifyToken(tampered, credentials)).toThrow(
        expect.objectContaining({ name: 'InvalidTokenError', reason: 'signature' }),
      );
    }
  });

  it('rejects a token signed with another secret or for another key', () => {
    const token = fresh();
    expect(() => verifyToken(token, { ...credentials, apiSecret: 'another' })).toThrow(
      expect.objectContaining({ reason: 'signature' }),
    );
    expect(() => verifyToken(token, { apiKey: '654321', apiSecret: credentials.apiSecret })).toThrow(
      expect.objectContaining({ reason: 'api-key' }),
    );
  });

  it('rejects an expired token with TokenExpiredError', () => {
    const token = fresh({ expireTime: Math.floor(Date.now() / 1000) + 60 });
    const later = Math.floor(Date.now() / 1000) + 61;
    expect(() => verifyToken(token, credentials, { now: later })).toThrow(TokenExpiredError);
    try {
      verifyToken(token, credentials, { now: later });
    } catch (error) {
      expect(InvalidTokenError.isInstance(error)).toBe(true);
      expect(OpenTokError.isInstance(error)).toBe(true);
      expect((error as TokenExpiredError).expireTime).toBe(later - 1);
    }
    expect(() => verifyToken(token, credentials, { now: 'soon' as never })).toThrow(InvalidArgumentError);
  });

  it('rejects a JWT that is not HS256 or not a client token', () => {
    const token = fresh();
    const [, payload, signature] = token.split('.');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${payload}.${signature}`;
    expect(() => verifyToken(none, credentials)).toThrow(expect.objectContaining({ reason: 'signature' }));
    expect(() => decodeToken(vectors.vectors[3]!.token)).toThrow(expect.objectContaining({ reason: 'claims' }));
  });

  it('rejects a token whose session belongs to another key even when signed correctly', () => {
    const foreignSession = encodeSessionId({ apiKey: 654321 });
    const sign = createTokenGenerator({ apiKey: '654321', apiSecret: credentials.apiSecret });
    const token = sign(foreignSession);
    const inner = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
    expect(inner.iss).toBe('654321');
    expect(() => verifyToken(token, credentials)).toThrow(expect.objectContaining({ reason: 'api-key' }));
  });
});

describe('verifyToken: issue times and clock tolerance', () => {
  const realNow = Math.floor(Date.now() / 1000);
  /** A token of `format` signed by a clock `ahead` seconds in the future. */
  const signedAhead = (ahead: number, format: 'jwt' | 't1') => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date((realNow + ahead) * 1000));
    try {
      return generateToken(credentials, sessionId, { format });
    } finally {
      vi.useRealTimers();
    }
  };

  it.each(['jwt', 't1'] as const)('refuses a %s token issued a year ahead, accepts one within 300 s', (format) => {
    const yearAhead = signedAhead(365 * 86400, format);
    expect(() => verifyToken(yearAhead, credentials, { now: realNow })).toThrow(
      expect.objectContaining({
        name: 'InvalidTokenError',
        reason: 'claims',
        message: expect.stringContaining('future'),
      }),
    );
    expect(verifyToken(signedAhead(300, format), credentials, { now: realNow }).format).toBe(format);
    expect(() => verifyToken(signedAhead(301, format), credentials, { now: realNow })).toThrow(InvalidTokenError);
    expect(() => verifyToken(signedAhead(60, format), credentials, { now: realNow, clockTolerance: 30 })).toThrow(
      expect.objectContaining({ reason: 'claims' }),
    );
    expect(verifyToken(signedAhead(60, format), credentials, { now: realNow, clockTolerance: 60 }).role).toBe(
      'publisher',
    );
  });

  it('checks iat of a JWT as well as create_time', () => {
    const input = [
      { alg: 'HS256', typ: 'JWT' },
      {
        iss: '123456',
        ist: 'project',
        iat: realNow + 86400,
        create_time: realNow,
        exp: realNow + 2 * 86400,
        session_id: sessionId,
        role: 'publisher',
        nonce: 1,
        scope: 'session.connect',
      },
    ]
      .map((part) => Buffer.from(JSON.stringify(part)).toString('base64url'))
      .join('.');
    const token = `${input}.${createSigner('sha256', credentials.apiSecret)(input)}`;
    expect(() => verifyToken(token, credentials, { now: realNow })).toThrow(
      expect.objectContaining({ reason: 'claims' }),
    );
  });

  it('applies maxLifetime to client tokens only when asked', () => {
    const token = generateToken(credentials, sessionId, { expireTime: realNow + 7 * 86400 });
    expect(verifyToken(token, credentials).expireTime).toBe(realNow + 7 * 86400);
    expect(() => verifyToken(token, credentials, { maxLifetime: 86400 })).toThrow(
      expect.objectContaining({ reason: 'claims' }),
    );
  });
});

describe('unknown option keys', () => {
  it.each<[string, () => unknown, string, string]>([
    ['generateToken', () => generateToken(credentials, sessionId, { rol: 'x' } as never), 'rol', 'role'],
    [
      'a generator',
      () => createTokenGenerator(credentials)(sessionId, { expiretime: 1 } as never),
      'expiretime',
      'expireTime',
    ],
    ['generateToken (data)', () => generateToken(credentials, sessionId, { date: 'x' } as never), 'date', 'data'],
    [
      'verifyToken',
      () => verifyToken(generateToken(credentials, sessionId), credentials, { noww: 1 } as never),
      'noww',
      'now',
    ],
    ['encodeSessionId', () => encodeSessionId({ apiKey: 1, mediamode: 'relayed' } as never), 'mediamode', 'mediaMode'],
  ])('%s names the key and the nearest known one', (_, call, key, nearest) => {
    expect(call).toThrow(InvalidArgumentError);
    expect(call).toThrow(
      expect.objectContaining({
        argument: key,
        message: `[@opentok/token] Unknown option '${key}' (did you mean '${nearest}'?)`,
      }),
    );
  });

  it('lists the options when no known one is near, and never quotes a key that is not a name', () => {
    expect(() => generateToken(credentials, sessionId, { somethingElse: 1 } as never)).toThrow(
      "Unknown option 'somethingElse' (the options are role, expireTime, data, initialLayoutClassList, format)",
    );
    const odd = `r${credentials.apiSecret} \ud800`;
    let message = '';
    try {
      generateToken(credentials, sessionId, { [odd]: 1 } as never);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("Unknown option '…' (did you mean 'role'?)");
    expect(message).not.toContain(credentials.apiSecret);
  });

  it('accepts known keys with undefined values, and inherited keys are not options', () => {
    expect(() => generateToken(credentials, sessionId, { role: undefined, data: undefined })).not.toThrow();
    expect(() => generateToken(credentials, sessionId, Object.create({ rol: 'moderator' }))).not.toThrow();
  });
});
