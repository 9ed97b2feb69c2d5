import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kindOf } from './argument-mistakes.js';
import { InvalidArgumentError, InvalidSessionIdError } from './errors.js';
import { createTokenGenerator, generateToken } from './generate.js';
import { encodeSessionId } from './session-id.js';

const credentials = { apiKey: '123456', apiSecret: 'a'.repeat(40) };
const sessionId = encodeSessionId({ apiKey: '123456' });

function thrown(call: () => unknown): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('did not throw');
}

describe('generateToken with a value that is not a session ID', () => {
  it('says a Promise was passed: a forgotten await', () => {
    const error = thrown(() => generateToken(credentials, Promise.resolve(sessionId) as never));
    expect(error).toBeInstanceOf(InvalidSessionIdError);
    expect(error.message).toBe(
      '[@opentok/token] sessionId must be a session ID string, not a Promise: did you forget `await`?',
    );
  });

  it("says a session object was passed (2.x's Session): pass session.sessionId", () => {
    const error = thrown(() => createTokenGenerator(credentials)({ sessionId, mediaMode: 'routed' } as never));
    expect(error).toBeInstanceOf(InvalidSessionIdError);
    expect(error.message).toBe(
      '[@opentok/token] sessionId must be a session ID string, not an object: pass its `sessionId` (`session.sessionId`)',
    );
  });

  it('keeps the original wording for a missing ID and an undecodable string', () => {
    expect(thrown(() => generateToken(credentials, undefined as never)).message).toBe(
      '[@opentok/token] Null or empty session ID is not valid',
    );
    expect(thrown(() => generateToken(credentials, 'nope')).message).toBe(
      '[@opentok/token] An invalid session ID was passed',
    );
  });

  it('never shows what an object holds', () => {
    fc.assert(
      fc.property(fc.object(), (value) => {
        const error = thrown(() => generateToken(credentials, value as never));
        expect(error).toBeInstanceOf(InvalidSessionIdError);
        expect(error.message).toMatch(/^\[@opentok\/token\] sessionId must be a session ID string, not an object: /);
      }),
    );
  });
});

describe('encodeSessionId with a missing API key', () => {
  it('says it got undefined, as from an unset OPENTOK_API_KEY', () => {
    const error = thrown(() => encodeSessionId({ apiKey: undefined as never }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe(
      '[@opentok/token] apiKey must be a string of digits (or an application ID), not undefined',
    );
  });

  it('names the kind of other wrong values, never a string it was given', () => {
    expect(thrown(() => encodeSessionId({ apiKey: '' })).message).toMatch(/, not an empty string$/);
    expect(thrown(() => encodeSessionId({ apiKey: null as never })).message).toMatch(/, not null$/);
    expect(thrown(() => encodeSessionId({ apiKey: 'secret-looking' })).message).toBe(
      '[@opentok/token] apiKey must be a string of digits (or an application ID)',
    );
  });
});

describe('kindOf', () => {
  it('names kinds, not contents', () => {
    expect([undefined, null, '', 'x', 1, [], {}, Promise.resolve(), () => 1].map(kindOf)).toEqual([
      'undefined',
      'null',
      'an empty string',
      'a string',
      'a number',
      'an array',
      'an object',
      'a Promise',
      'a function',
    ]);
  });
});
