import { inspect } from 'node:util';
import {
  decodeToken,
  encodeSessionId,
  InvalidArgumentError,
  InvalidSessionIdError,
  OpenTokError,
  verifyToken,
} from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OpenTokSDK } from './opentok-sdk.js';
import { RoleConstants, SessionProperties } from './role-constants.js';

const apiKey = '123456';
const apiSecret = '1234567890abcdef1234567890abcdef1234567890';
const sessionId = encodeSessionId({ apiKey });
const foreignSessionId = encodeSessionId({ apiKey: '654321' });
// A closed port: nothing in this file may reach a server.
const opentok = new OpenTokSDK(apiKey, apiSecret, 'http://127.0.0.1:9');

/** What `run` throws; fails the test when it returns instead. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return expect.unreachable('expected a throw, but the call returned');
}

describe('RoleConstants and SessionProperties', () => {
  it('carry the 1.0 names, on the module and on each instance', () => {
    expect(RoleConstants).toEqual({ SUBSCRIBER: 'subscriber', PUBLISHER: 'publisher', MODERATOR: 'moderator' });
    expect(opentok.RoleConstants).toBe(RoleConstants);
    expect(opentok.SessionProperties.p2p_preference).toBe('p2p.preference');
    expect(SessionProperties).toBe(opentok.SessionProperties);
  });

  it('cannot be changed', () => {
    expect(Object.isFrozen(RoleConstants)).toBe(true);
    expect(Object.isFrozen(SessionProperties)).toBe(true);
  });
});

describe('OpenTokSDK constructor', () => {
  it('keeps the key, by both names', () => {
    expect(opentok.apiKey).toBe(apiKey);
    expect(opentok.partnerId).toBe(apiKey);
    expect(new OpenTokSDK(123456, apiSecret).apiKey).toBe(apiKey);
  });

  it('accepts an API URL or { apiUrl, timeout } as the third argument', () => {
    expect(() => new OpenTokSDK(apiKey, apiSecret, { apiUrl: 'http://127.0.0.1:9', timeout: 1000 })).not.toThrow();
    expect(() => new OpenTokSDK(apiKey, apiSecret, { proxy: 'x' } as never)).toThrow(/Unknown option "proxy"/);
    expect(() => new OpenTokSDK(apiKey, apiSecret, 42 as never)).toThrow(InvalidArgumentError);
  });

  it('rejects bad credentials with a typed error that does not contain the secret', () => {
    const attempt = (key: unknown, secret: unknown) => () => new OpenTokSDK(key as string, secret as string);
    expect(attempt('not-a-key', apiSecret)).toThrow(InvalidArgumentError);
    expect(attempt(apiKey, '')).toThrow(InvalidArgumentError);
    const error = thrownBy(attempt('key!', apiSecret));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).not.toContain(apiSecret);
  });

  it('never shows the secret in inspect or JSON output', () => {
    expect(inspect(opentok, { depth: 10, showHidden: true })).not.toContain(apiSecret);
    expect(JSON.stringify(opentok)).toBe(`{"apiKey":"${apiKey}"}`);
  });
});

describe('OpenTokSDK.generateToken', () => {
  it('signs a T1 token from the 1.0 object form', () => {
    const token = opentok.generateToken({
      session_id: sessionId,
      role: RoleConstants.PUBLISHER,
      connection_data: 'userId:42',
    });
    expect(token.startsWith('T1==')).toBe(true);
    const claims = verifyToken(token, { apiKey, apiSecret });
    expect(claims).toMatchObject({ format: 't1', sessionId, role: 'publisher', data: 'userId:42' });
  });

  it('signs a T1 token from the (sessionId, { role, expireTime, data }) form', () => {
    const expireTime = Math.floor(Date.now() / 1000) + 3600;
    const claims = decodeToken(opentok.generateToken(sessionId, { role: 'moderator', expireTime, data: 'x' }));
    expect(claims).toMatchObject({ format: 't1', role: 'moderator', expireTime, data: 'x' });
  });

  it('defaults to a publisher token valid for 24 hours', () => {
    const claims = decodeToken(opentok.generateToken({ session_id: sessionId }));
    expect(claims.role).toBe('publisher');
    expect(claims.expireTime - claims.createTime).toBe(86400);
  });

  it('fails with the 1.0 messages for empty and foreign session IDs', () => {
    for (const empty of [undefined, null, '']) {
      expect(() => opentok.generateToken({ session_id: empty as never })).toThrow(
        new InvalidSessionIdError('sessionId', 'Null or empty session ID is not valid'),
      );
      expect(() => opentok.generateToken(empty as never)).toThrow('Null or empty session ID is not valid');
    }
    expect(() => opentok.generateToken({ session_id: foreignSessionId })).toThrow('An invalid session ID was passed');
    expect(() => opentok.generateToken('not a session')).toThrow(InvalidSessionIdError);
  });

  it('rejects roles, expiries and options the service would refuse', () => {
    expect(() => opentok.generateToken(sessionId, { role: 'admin' as never })).toThrow(InvalidArgumentError);
    expect(() => opentok.generateToken(sessionId, { expireTime: 1 })).toThrow(/in the future/);
    expect(() => opentok.generateToken({ session_id: sessionId, permissions: 'all' } as never)).toThrow(
      /Unknown token option 'permissions'/,
    );
  });

  it('throws only OpenTokErrors, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (first, second) => {
        // No random value is a session ID of this project, so every call must throw.
        const error = thrownBy(() => opentok.generateToken(first as string, second as never));
        expect(OpenTokError.isInstance(error)).toBe(true);
      }),
    );
  });
});

describe('OpenTokSDK.createSession argument errors', () => {
  it('hands a bad argument to the callback, asynchronously, and never throws', async () => {
    const error = await new Promise<unknown>((resolve) => {
      let synchronous = true;
      opentok.createSession({ 'p2p.preference': 'sometimes' as never }, (failure) => {
        expect(synchronous).toBe(false);
        resolve(failure);
      });
      synchronous = false;
    });
    expect(error).toBeInstanceOf(InvalidArgumentError);
  });

  it('rejects the returned promise when there is no callback', async () => {
    await expect(opentok.createSession({ 'echoSuppression.enabled': 'true' } as never)).rejects.toThrow(
      /Unsupported session property/,
    );
  });
});
