import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  InvalidSessionIdError,
  InvalidTokenError,
  OpenTokError,
  TokenExpiredError,
} from './errors.js';

describe('the error family', () => {
  it('names every class and chains them to Error', () => {
    const errors = [
      new OpenTokError('base'),
      new InvalidArgumentError('role', 'bad role'),
      new InvalidSessionIdError('sessionId', 'An invalid session ID was passed'),
      new InvalidTokenError('signature', 'bad signature'),
      new TokenExpiredError(10, 20),
    ];
    expect(errors.map((error) => error.name)).toEqual([
      'OpenTokError',
      'InvalidArgumentError',
      'InvalidSessionIdError',
      'InvalidTokenError',
      'TokenExpiredError',
    ]);
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(OpenTokError);
      expect(error.stack).toContain(error.name);
      expect(String(error)).toBe(`${error.name}: ${error.message}`);
    }
    expect(new TokenExpiredError(10, 20)).toMatchObject({ reason: 'expired', expireTime: 10 });
  });

  it('keeps the cause', () => {
    const cause = new Error('inner');
    expect(new OpenTokError('outer', { cause }).cause).toBe(cause);
  });

  it('recognises errors from another copy of the package by marker and name', () => {
    const foreign = Object.assign(Object.create({ [Symbol.for('opentok.error')]: true }), {
      name: 'InvalidTokenError',
      message: 'from elsewhere',
    });
    expect(OpenTokError.isInstance(foreign)).toBe(true);
    expect(InvalidTokenError.isInstance(foreign)).toBe(true);
    expect(InvalidArgumentError.isInstance(foreign)).toBe(false);
    expect(OpenTokError.isInstance(new Error('plain'))).toBe(false);
    expect(OpenTokError.isInstance(null)).toBe(false);
    expect(OpenTokError.isInstance({ name: 'OpenTokError' })).toBe(false);
  });

  it('lets other packages name their subclasses', () => {
    class RateLimitError extends OpenTokError {
      override get name() {
        return 'RateLimitError';
      }
    }
    const error = new RateLimitError('slow down');
    expect(error.name).toBe('RateLimitError');
    expect(RateLimitError.isInstance(error)).toBe(true);
    expect(OpenTokError.isInstance(error)).toBe(true);
    expect(InvalidTokenError.isInstance(error)).toBe(false);
  });
});
