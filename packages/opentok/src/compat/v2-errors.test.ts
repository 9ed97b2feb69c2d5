import {
  AuthenticationError,
  ConflictError,
  NetworkError,
  NotFoundError as RestNotFoundError,
  RequestError as RestRequestError,
} from '@opentok/rest';
import { InvalidArgumentError, InvalidSessionIdError, InvalidTokenError } from '@opentok/token';
import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import * as errors from './v2-errors.js';

const classes = { ...errors };
type Name = keyof typeof classes;
const NAMES = Object.keys(classes) as Name[];
const matching = (value: unknown): Name[] => NAMES.filter((name) => value instanceof classes[name]).sort();
const failed = (kind: typeof RestRequestError, method: string, path: string) =>
  new kind(`[@opentok/rest] ${method} ${path} failed`, { method, path, status: 404 });

describe('opentok/lib/errors', () => {
  it('matches the typed errors that stand for each 2.x class', () => {
    expect(matching(new InvalidArgumentError('archiveId', 'No archive ID given'))).toEqual(['ArgumentError']);
    expect(matching(new InvalidSessionIdError('sessionId', 'An invalid session ID was passed'))).toEqual([
      'ArgumentError',
    ]);
    expect(matching(new AuthenticationError('x', { method: 'POST', path: '/session/create', status: 401 }))).toEqual([
      'AuthError',
      'RequestError',
    ]);
    expect(matching(failed(RestNotFoundError, 'GET', '/v2/project/1/archive/a'))).toEqual([
      'ArchiveError',
      'NotFoundError',
      'RequestError',
    ]);
    expect(matching(failed(ConflictError, 'POST', '/v2/project/1/captions'))).toEqual([
      'CaptionsError',
      'RequestError',
    ]);
    expect(matching(failed(RestNotFoundError, 'POST', '/v2/project/1/dial'))).toEqual([
      'NotFoundError',
      'RequestError',
      'SipError',
    ]);
    expect(matching(failed(RestRequestError, 'POST', '/v2/project/1/session/s/connection/c/play-dtmf'))).toEqual([
      'RequestError',
      'SipError',
    ]);
    expect(matching(failed(RestRequestError, 'POST', '/v2/project/1/session/s/connection/c/signal'))).toEqual([
      'RequestError',
      'SignalError',
    ]);
    expect(matching(failed(RestRequestError, 'DELETE', '/v2/project/1/session/s/connection/c'))).toEqual([
      'ForceDisconnectError',
      'RequestError',
    ]);
    expect(matching(failed(RestRequestError, 'GET', '/v2/project/1/session/s/connection/c'))).toEqual(['RequestError']);
    expect(matching(failed(RestRequestError, 'DELETE', '/v2/project/1/callback/c'))).toEqual([
      'CallbackError',
      'RequestError',
    ]);
    expect(matching(new NetworkError('down', { method: 'POST', path: '/session/create' }))).toEqual(['RequestError']);
    expect(matching(new InvalidTokenError('signature'))).toEqual([]);
  });

  it('its own instances are Errors of their class only, with 2.x default messages', () => {
    for (const name of NAMES) {
      const error = new classes[name]('why');
      expect([error instanceof Error, error.name, error.message, matching(error)]).toEqual([true, name, 'why', [name]]);
    }
    expect(new errors.AuthError().message).toBe('Invalid API key or secret');
    expect(new errors.CaptionsError().message).toBe('Live captions have already started for this OpenTok Session');
  });

  it('never throws from instanceof, whatever the value', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true }), (value) => {
        expect(matching(value)).toEqual([]);
      }),
    );
    const lookalike = { method: 'GET', path: '/v2/project/1/archive', status: 404, name: 'NotFoundError' };
    expect(matching(lookalike)).toEqual([]);
  });

  it('narrows to the typed error as well', () => {
    const error: unknown = new AuthenticationError('x', { status: 403 });
    if (error instanceof errors.AuthError) expectTypeOf(error).toEqualTypeOf<errors.AuthError | AuthenticationError>();
    if (error instanceof errors.ArgumentError) {
      expectTypeOf(error).toEqualTypeOf<errors.ArgumentError | InvalidArgumentError>();
    }
    expect(error instanceof errors.AuthError).toBe(true);
  });
});
