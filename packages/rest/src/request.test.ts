import { OpenTokError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test/helpers.js';
import { errorForStatus, serviceMessageOf } from './error-mapping.js';
import {
  AuthenticationError,
  ConflictError,
  InvalidRequestError,
  NotFoundError,
  RateLimitError,
  RequestError,
  ServerError,
} from './errors.js';

describe('errorForStatus', () => {
  const table: [number, abstract new (...args: never[]) => RequestError, string][] = [
    [400, InvalidRequestError, 'InvalidRequestError'],
    [401, AuthenticationError, 'AuthenticationError'],
    [403, AuthenticationError, 'AuthenticationError'],
    [404, NotFoundError, 'NotFoundError'],
    [405, InvalidRequestError, 'InvalidRequestError'],
    [409, ConflictError, 'ConflictError'],
    [413, InvalidRequestError, 'InvalidRequestError'],
    [429, RateLimitError, 'RateLimitError'],
    [500, ServerError, 'ServerError'],
    [503, ServerError, 'ServerError'],
  ];
  for (const [status, type, name] of table) {
    it(`maps ${status} to ${name}, carrying status, method, path and the service's message`, () => {
      const error = errorForStatus(status, { method: 'GET', path: '/v2/x', status, serviceMessage: 'said so' });
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(RequestError);
      expect(error).toBeInstanceOf(OpenTokError);
      expect(error.name).toBe(name);
      expect(error).toMatchObject({ status, method: 'GET', path: '/v2/x', serviceMessage: 'said so' });
      expect(error.message).toContain(`GET /v2/x failed with ${status}`);
      expect(error.message).toContain('said so');
      expect((type as unknown as typeof RequestError).isInstance(error)).toBe(true);
    });
  }

  it('keeps retryAfter on RateLimitError', () => {
    const error = errorForStatus(429, { method: 'GET', path: '/', status: 429, retryAfter: 7 });
    expect((error as RateLimitError).retryAfter).toBe(7);
  });
});

describe('serviceMessageOf', () => {
  const cases: [string, string, string | undefined][] = [
    ['errors/json-403-issuer-not-found.json', 'application/json', 'Issuer not found'],
    ['errors/json-403-no-suitable-authentication.json', 'application/json', 'No suitable authentication found'],
    ['errors/json-404-invalid-archive-id.json', 'application/json', 'Not found. You passed in an invalid archive ID.'],
    ['errors/json-404-null-message.json', 'application/json', undefined],
    [
      'errors/json-409-recording-in-progress.json',
      'application/json',
      'A recording of the session is is already in progress.',
    ],
    ['errors/json-500-empty.json', 'application/json', undefined],
    ['errors/json-500-system-error.json', 'application/json', 'System error'],
    ['errors/xml-errorpayload-invalid-partner-credentials.xml', 'application/xml', 'Invalid partner credentials'],
    ['errors/xml-errorpayload-issuer-not-found.xml', 'application/xml', 'Issuer not found'],
    [
      'errors/xml-errors-403-not-authorized.xml',
      'text/plain',
      'The API secret did not match, Invalid credentials passed',
    ],
  ];
  for (const [file, type, expected] of cases) {
    it(`reads ${file}`, async () => {
      expect(await serviceMessageOf(fixture(file), type)).toBe(expected);
    });
  }

  it('gives nothing for HTML or an empty body', async () => {
    expect(await serviceMessageOf('', 'application/json')).toBeUndefined();
    expect(await serviceMessageOf('<html><body>Bad gateway</body></html>', 'text/html')).toBeUndefined();
    expect(await serviceMessageOf('<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', 'text/xml')).toBeUndefined();
  });
});
