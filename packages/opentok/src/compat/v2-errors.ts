/**
 * `opentok/lib/errors`: the error classes the official `opentok` 2.x module exports from its
 * `lib/errors.js`, for 2.x code that matches failures with `instanceof`:
 *
 * ```js
 * const errors = require('opentok/lib/errors');
 * opentok.getArchive(id, (err) => { if (err instanceof errors.NotFoundError) … });
 * ```
 *
 * The methods of `opentok` fail with the typed errors of `@opentok/rest` and `@opentok/token`,
 * never with these classes. So each class answers `instanceof` for the typed errors that stand
 * for its 2.x counterpart (by their `isInstance`, which recognises errors from any copy of the
 * packages), as well as for its own instances:
 *
 * | 2.x class | matches |
 * | --- | --- |
 * | `ArgumentError` | `InvalidArgumentError` (and `InvalidSessionIdError`) |
 * | `AuthError` | `AuthenticationError` (401, 403) |
 * | `NotFoundError` | `NotFoundError` (404) |
 * | `RequestError` | every `RequestError`: any failed call (HTTP status, timeout, network) |
 * | `ArchiveError` | a `RequestError` of an archive call |
 * | `CaptionsError` | a `RequestError` of a live-captions call |
 * | `SipError` | a `RequestError` of a SIP call (`dial`, `playDTMF`) |
 * | `SignalError` | a `RequestError` of a signal |
 * | `ForceDisconnectError` | a `RequestError` of a `forceDisconnect` |
 * | `CallbackError` | a `RequestError` of a callback registration call |
 *
 * One error may match more than one class (a 404 of `getArchive` is a `NotFoundError`, an
 * `ArchiveError` and a `RequestError`): test the specific classes first.
 * @module
 */
import {
  AuthenticationError,
  NotFoundError as RestNotFoundError,
  RequestError as RestRequestError,
} from '@opentok/rest';
import { InvalidArgumentError } from '@opentok/token';

/** A request error whose path matches `pattern` (and method, when given). */
function requestTo(pattern: RegExp, method?: string): (value: unknown) => value is RestRequestError {
  return (value): value is RestRequestError =>
    RestRequestError.isInstance(value) && pattern.test(value.path) && (method === undefined || value.method === method);
}

/** `instanceof` by the class's own prototype chain, or by `matches`. */
function hasInstance(
  this: abstract new (
    ...args: never[]
  ) => unknown,
  value: unknown,
  matches: (value: unknown) => boolean,
) {
  return Function.prototype[Symbol.hasInstance].call(this, value) || matches(value);
}

/** An argument is missing or wrong; matches {@link InvalidArgumentError}. */
export class ArgumentError extends Error {
  override get name(): string {
    return 'ArgumentError';
  }
  static override [Symbol.hasInstance](value: unknown): value is ArgumentError | InvalidArgumentError {
    return hasInstance.call(ArgumentError, value, (error) => InvalidArgumentError.isInstance(error));
  }
}

/** The API key or secret was refused; matches `AuthenticationError` (401, 403). */
export class AuthError extends Error {
  constructor(message = 'Invalid API key or secret') {
    super(message);
  }
  override get name(): string {
    return 'AuthError';
  }
  static override [Symbol.hasInstance](value: unknown): value is AuthError | AuthenticationError {
    return hasInstance.call(AuthError, value, (error) => AuthenticationError.isInstance(error));
  }
}

/** Something is unknown to the service; matches `NotFoundError` (404). */
export class NotFoundError extends Error {
  constructor(message = 'Not Found') {
    super(message);
  }
  override get name(): string {
    return 'NotFoundError';
  }
  static override [Symbol.hasInstance](value: unknown): value is NotFoundError | RestNotFoundError {
    return hasInstance.call(NotFoundError, value, (error) => RestNotFoundError.isInstance(error));
  }
}

/** A call failed; matches every `RequestError` (HTTP status, timeout, network). */
export class RequestError extends Error {
  constructor(message = 'Unexpected response from OpenTok') {
    super(message);
  }
  override get name(): string {
    return 'RequestError';
  }
  static override [Symbol.hasInstance](value: unknown): value is RequestError | RestRequestError {
    return hasInstance.call(RequestError, value, (error) => RestRequestError.isInstance(error));
  }
}

const archiveCall = requestTo(/\/archive(\/|$)/);
/** An archive call failed; matches a `RequestError` of an archive call. */
export class ArchiveError extends Error {
  override get name(): string {
    return 'ArchiveError';
  }
  static override [Symbol.hasInstance](value: unknown): value is ArchiveError | RestRequestError {
    return hasInstance.call(ArchiveError, value, archiveCall);
  }
}

const captionsCall = requestTo(/\/captions(\/|$)/);
/** A live-captions call failed; matches a `RequestError` of a captions call. */
export class CaptionsError extends Error {
  constructor(message = 'Live captions have already started for this OpenTok Session') {
    super(message);
  }
  override get name(): string {
    return 'CaptionsError';
  }
  static override [Symbol.hasInstance](value: unknown): value is CaptionsError | RestRequestError {
    return hasInstance.call(CaptionsError, value, captionsCall);
  }
}

const sipCall = requestTo(/\/(dial|play-dtmf)$/);
/** A SIP call failed; matches a `RequestError` of `dial` or `playDTMF`. */
export class SipError extends Error {
  override get name(): string {
    return 'SipError';
  }
  static override [Symbol.hasInstance](value: unknown): value is SipError | RestRequestError {
    return hasInstance.call(SipError, value, sipCall);
  }
}

const signalCall = requestTo(/\/signal$/);
/** A signal failed; matches a `RequestError` of a signal. */
export class SignalError extends Error {
  override get name(): string {
    return 'SignalError';
  }
  static override [Symbol.hasInstance](value: unknown): value is SignalError | RestRequestError {
    return hasInstance.call(SignalError, value, signalCall);
  }
}

const disconnectCall = requestTo(/\/connection\/[^/]+$/, 'DELETE');
/** A forced disconnection failed; matches a `RequestError` of `forceDisconnect`. */
export class ForceDisconnectError extends Error {
  override get name(): string {
    return 'ForceDisconnectError';
  }
  static override [Symbol.hasInstance](value: unknown): value is ForceDisconnectError | RestRequestError {
    return hasInstance.call(ForceDisconnectError, value, disconnectCall);
  }
}

const callbackCall = requestTo(/\/callback(\/|$)/);
/** A callback registration call failed; matches a `RequestError` of such a call. */
export class CallbackError extends Error {
  override get name(): string {
    return 'CallbackError';
  }
  static override [Symbol.hasInstance](value: unknown): value is CallbackError | RestRequestError {
    return hasInstance.call(CallbackError, value, callbackCall);
  }
}
