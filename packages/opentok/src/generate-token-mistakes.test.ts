import { encodeSessionId, InvalidSessionIdError } from '@opentok/token';
import { describe, expect, it } from 'vitest';
import OpenTokDefault from './index.js';
import { OpenTok } from './opentok.js';

const apiKey = '123456';
const apiSecret = '1234567890abcdef1234567890abcdef1234567890';
const sessionId = encodeSessionId({ apiKey });

describe.each([
  ['OpenTok (the modern class)', new OpenTok(apiKey, apiSecret, { apiUrl: 'http://127.0.0.1:9' })],
  ["the default export (2.x's door)", new OpenTokDefault(apiKey, apiSecret, 'http://127.0.0.1:9')],
])('generateToken of %s', (_name, opentok) => {
  it('says a Promise was passed: a forgotten await', () => {
    const call = () => opentok.generateToken(Promise.resolve(sessionId) as never);
    expect(call).toThrow(InvalidSessionIdError);
    expect(call).toThrow(
      '[@opentok/token] sessionId must be a session ID string, not a Promise: did you forget `await`?',
    );
  });

  it("says a session object was passed (2.x's Session): pass session.sessionId", () => {
    const call = () => opentok.generateToken({ sessionId, mediaMode: 'routed' } as never);
    expect(call).toThrow(InvalidSessionIdError);
    expect(call).toThrow('not an object: pass its `sessionId` (`session.sessionId`)');
  });
});

describe('generateToken without a session ID', () => {
  it('says what the 1.0 API says in the modern class', () => {
    const opentok = new OpenTok(apiKey, apiSecret, { apiUrl: 'http://127.0.0.1:9' });
    expect(() => opentok.generateToken(undefined as never)).toThrow('Null or empty session ID is not valid');
    expect(() => opentok.generateToken('')).toThrow('Null or empty session ID is not valid');
  });

  it("says what 2.x says in 2.x's door", () => {
    const opentok = new OpenTokDefault(apiKey, apiSecret, 'http://127.0.0.1:9');
    expect(() => opentok.generateToken(undefined as never)).toThrow(
      /^Token cannot be generated without a sessionId parameter$/,
    );
    expect(() => opentok.generateToken('')).toThrow(
      /^Token cannot be generated unless the session belongs to the API Key$/,
    );
  });
});
