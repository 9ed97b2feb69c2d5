import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError,
  InvalidSessionIdError,
  InvalidTokenError,
  OpenTokError,
  PREFIX,
  TokenExpiredError,
} from './errors.js';
import * as library from './index.js';

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
    expect(new TokenExpiredError(10, 20)).toMatchObject({
      reason: 'expired',
      expireTime: 10,
      message: `${PREFIX} Token expired at 10 (now 20)`,
    });
  });

  it('keeps the cause', () => {
    const cause = new Error('inner');
    expect(new OpenTokError('outer', { cause }).cause).toBe(cause);
    expect(new InvalidArgumentError('data', 'outer', { cause }).cause).toBe(cause);
  });

  it('constructs every exported class from plain JavaScript, as documented and with a message only', () => {
    const classes = Object.entries(library).filter(
      (entry): entry is [string, typeof OpenTokError] =>
        typeof entry[1] === 'function' && entry[1].prototype instanceof Error,
    );
    expect(classes.map(([name]) => name).sort()).toEqual([
      'InvalidArgumentError',
      'InvalidSessionIdError',
      'InvalidTokenError',
      'OpenTokError',
      'TokenExpiredError',
    ]);
    const Loose = (Class: unknown) => Class as new (...args: unknown[]) => Error;
    for (const [name, Class] of classes) {
      const error = new (Loose(Class))('something went wrong');
      expect(error.name).toBe(name);
      expect(OpenTokError.isInstance(error)).toBe(true);
      expect(Class.isInstance(error)).toBe(true);
      if (name !== 'TokenExpiredError') expect(error.message).toBe('something went wrong');
      expect(() => inspect(error)).not.toThrow();
      expect(() => new (Loose(Class))()).not.toThrow();
    }
    expect(new (Loose(TokenExpiredError))('gone')).toMatchObject({ message: 'gone', reason: 'expired' });
    expect(new (Loose(InvalidArgumentError))('just a message')).toMatchObject({
      argument: '',
      message: 'just a message',
    });
    expect(new InvalidArgumentError('role', 'bad role')).toMatchObject({ argument: 'role', message: 'bad role' });
    expect(new (Loose(InvalidTokenError))('just a message')).toMatchObject({
      reason: 'malformed',
      message: 'just a message',
    });
    expect(new (Loose(InvalidTokenError))('signature')).toMatchObject({ reason: 'signature' });
  });

  it('recognises errors branded by another copy of the package, parents included', () => {
    // What another copy leaves on its prototypes: one Symbol.for brand per named class.
    const brand = (name: string) => ({ [Symbol.for(`opentok.error.${name}`)]: true });
    const base = brand('OpenTokError');
    const token = Object.assign(Object.create(base), brand('InvalidTokenError'));
    const expired = Object.create(Object.assign(Object.create(token), brand('TokenExpiredError')));
    expect(OpenTokError.isInstance(expired)).toBe(true);
    expect(InvalidTokenError.isInstance(expired)).toBe(true);
    expect(TokenExpiredError.isInstance(expired)).toBe(true);
    expect(InvalidArgumentError.isInstance(expired)).toBe(false);
    expect(TokenExpiredError.isInstance(Object.create(token))).toBe(false);
    expect(OpenTokError.isInstance(new Error('plain'))).toBe(false);
    expect(OpenTokError.isInstance(null)).toBe(false);
    expect(OpenTokError.isInstance('OpenTokError')).toBe(false);
    expect(OpenTokError.isInstance({ name: 'OpenTokError' })).toBe(false);
  });

  it('brands the chain of a subclass defined elsewhere from its class body alone', () => {
    class RequestLikeError extends OpenTokError {
      override get name() {
        return 'RequestLikeError';
      }
    }
    class NotFoundLikeError extends RequestLikeError {
      override get name() {
        return 'NotFoundLikeError';
      }
    }
    class Unnamed extends NotFoundLikeError {}
    const error = new Unnamed('gone');
    expect(error.name).toBe('NotFoundLikeError');
    for (const name of ['OpenTokError', 'RequestLikeError', 'NotFoundLikeError']) {
      expect((error as unknown as Record<symbol, unknown>)[Symbol.for(`opentok.error.${name}`)]).toBe(true);
    }
    expect(RequestLikeError.isInstance(error)).toBe(true);
    expect(NotFoundLikeError.isInstance(error)).toBe(true);
    expect(Unnamed.isInstance(error)).toBe(true);
    expect(Unnamed.isInstance(new NotFoundLikeError('x'))).toBe(false);
    expect(InvalidTokenError.isInstance(error)).toBe(false);
    // A plain copy of the chain (as another copy of the package makes it) is recognised too.
    const copy = Object.create(Object.getPrototypeOf(new NotFoundLikeError('x')));
    expect(RequestLikeError.isInstance(copy)).toBe(true);
  });

  it('puts the package prefix in front of its messages', () => {
    expect(PREFIX).toBe('[@opentok/token]');
    expect(new TokenExpiredError(1, 2).message.startsWith(`${PREFIX} `)).toBe(true);
  });
});
