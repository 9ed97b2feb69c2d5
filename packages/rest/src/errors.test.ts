/**
 * The error classes of `@opentok/rest`: constructible from plain JavaScript as documented,
 * named by their class bodies, and recognised across copies of the packages (an error made
 * by the CommonJS build, the classes of the ESM sources), parent classes included.
 */
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import * as token from '@opentok/token';
import { describe, expect, it } from 'vitest';
import * as errors from './errors.js';
import * as rest from './index.js';

type Rest = typeof import('./index.js');
const require = createRequire(import.meta.url);
const commonBuild = require('../dist/index.cjs') as Rest;
/** The copy of @opentok/token that the CommonJS build of rest loads. */
const commonToken = require('@opentok/token') as typeof token;

const requestClasses = [
  'AuthenticationError',
  'ConflictError',
  'InvalidRequestError',
  'NetworkError',
  'NotFoundError',
  'RateLimitError',
  'RedirectError',
  'RequestError',
  'ResponseParseError',
  'ServerError',
  'TimeoutError',
] as const;

type Loose = new (...args: unknown[]) => Error & Record<string, unknown>;
/** The exports by name (a plain object: tests look classes up by name). */
const exported: Record<string, unknown> = { ...rest, ...errors };

describe('the errors of @opentok/rest', () => {
  it('exports the RequestError family and the token errors it re-exports', () => {
    const exported = Object.entries(rest)
      .filter(([, value]) => typeof value === 'function' && value.prototype instanceof Error)
      .map(([name]) => name)
      .sort();
    expect(exported).toEqual(
      [...requestClasses, 'InvalidArgumentError', 'InvalidSessionIdError', 'OpenTokError'].sort(),
    );
  });

  it.each(requestClasses)('constructs %s with the documented arguments and with a message only', (name) => {
    const Class = exported[name] as Loose;
    const cause = new Error('inner');
    const full = new Class('[@opentok/rest] GET /v2/project/1/archive/x failed with 404', {
      method: 'GET',
      path: '/v2/project/1/archive/x',
      status: 404,
      serviceMessage: 'not found',
      cause,
      retryAfter: 3,
      excerpt: '<html>',
    });
    expect(full).toMatchObject({
      name,
      method: 'GET',
      path: '/v2/project/1/archive/x',
      status: 404,
      serviceMessage: 'not found',
      cause,
    });
    if (name === 'RateLimitError') expect(full.retryAfter).toBe(3);
    if (name === 'ResponseParseError') expect(full.excerpt).toBe('<html>');

    const bare = new Class('x');
    expect(bare).toMatchObject({ name, message: 'x', method: '', path: '', status: undefined });
    expect(bare).toBeInstanceOf(errors.RequestError);
    expect(String(bare)).toBe(`${name}: x`);
    expect(() => inspect(bare)).not.toThrow();
    expect(() => new Class()).not.toThrow();
    expect(() => new Class('x', null)).not.toThrow();
  });

  it('constructs the re-exported token errors from plain JavaScript with a message only', () => {
    for (const name of ['OpenTokError', 'InvalidArgumentError', 'InvalidSessionIdError'] as const) {
      const error = new (exported[name] as Loose)('x');
      expect(error).toMatchObject({ name, message: 'x' });
    }
  });

  it('recognises errors of the CommonJS build with the classes of the ESM sources, parents included', () => {
    expect(commonBuild.NotFoundError).not.toBe(errors.NotFoundError);
    expect(commonToken.OpenTokError).not.toBe(token.OpenTokError);
    expect(commonBuild.OpenTokError).toBe(commonToken.OpenTokError);
    const thrown = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error;
      }
      throw new Error('nothing was thrown');
    };
    const credentials = { apiKey: '123456', apiSecret: 'secret of the errors test' };
    const notFound = new commonBuild.NotFoundError('[@opentok/rest] GET /x failed with 404', {
      method: 'GET',
      path: '/x',
    });
    const invalidSessionId = thrown(() => commonToken.generateToken(credentials, 'not a session'));
    const sessionId = commonToken.encodeSessionId({ apiKey: credentials.apiKey });
    const tokenExpired = thrown(() =>
      commonToken.verifyToken(commonToken.generateToken(credentials, sessionId), credentials, {
        now: Date.now() / 1000 + 2 * 86400,
      }),
    );

    expect(notFound).not.toBeInstanceOf(errors.RequestError);
    expect(errors.NotFoundError.isInstance(notFound)).toBe(true);
    expect(errors.RequestError.isInstance(notFound)).toBe(true);
    expect(rest.OpenTokError.isInstance(notFound)).toBe(true);
    expect(errors.ServerError.isInstance(notFound)).toBe(false);
    expect(rest.InvalidArgumentError.isInstance(notFound)).toBe(false);

    expect(rest.InvalidArgumentError.isInstance(invalidSessionId)).toBe(true);
    expect(rest.InvalidSessionIdError.isInstance(invalidSessionId)).toBe(true);
    expect(errors.RequestError.isInstance(invalidSessionId)).toBe(false);

    expect(token.InvalidTokenError.isInstance(tokenExpired)).toBe(true);
    expect(token.TokenExpiredError.isInstance(tokenExpired)).toBe(true);
    expect(errors.RequestError.isInstance(tokenExpired)).toBe(false);

    // And the other way round: the CommonJS classes recognise errors of the sources.
    expect(commonBuild.RequestError.isInstance(new errors.TimeoutError('late'))).toBe(true);
    expect(commonBuild.TimeoutError.isInstance(new errors.NetworkError('down'))).toBe(false);
  });
});
