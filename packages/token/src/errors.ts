/**
 * The error family shared by every `@opentok/*` package. Later layers (`@opentok/rest`,
 * `opentok`) subclass {@link OpenTokError}; none of them ever puts a secret in a message.
 * @module
 */

const MARKER = Symbol.for('opentok.error');

/**
 * Base class of every error thrown by the OpenTok packages.
 *
 * Use {@link OpenTokError.isInstance} rather than `instanceof` when several copies of the
 * package may be loaded (for example one bundled by a framework and one from `node_modules`).
 */
export class OpenTokError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * `true` when `error` is an instance of this class, from this or any other copy of the
   * package. On a subclass it compares the error's `name` as a fallback for other copies.
   * @example
   * if (InvalidTokenError.isInstance(error)) console.log(error.reason)
   */
  static isInstance<T>(this: abstract new (...args: never[]) => T, error: unknown): error is T {
    if (error instanceof this) return true;
    if (typeof error !== 'object' || error === null || !(MARKER in error)) return false;
    return this === (OpenTokError as unknown) || (error as { name?: unknown }).name === (this.prototype as Error).name;
  }
}

/** Thrown when an argument is missing, of the wrong type or out of range. */
export class InvalidArgumentError extends OpenTokError {
  /** The name of the offending argument or option, such as `expireTime`. */
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.argument = argument;
  }
}

/**
 * Thrown when a session ID is null or empty, does not decode, or belongs to another API key.
 * The messages keep the original SDKs' wording (`Null or empty session ID is not valid`,
 * `An invalid session ID was passed`), which their users search for.
 */
export class InvalidSessionIdError extends InvalidArgumentError {}

/** Why a token was rejected by {@link InvalidTokenError}. */
export type InvalidTokenReason =
  | 'malformed'
  | 'signature'
  | 'api-key'
  | 'session'
  | 'claims'
  | 'expired'
  | 'not-yet-valid';

/** Thrown by the token decoders and verifiers for tampered, foreign or malformed tokens. */
export class InvalidTokenError extends OpenTokError {
  /** A machine-readable reason. */
  readonly reason: InvalidTokenReason;
  constructor(reason: InvalidTokenReason, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.reason = reason;
  }
}

/** Thrown by the verifiers for a token whose expiry time has passed. */
export class TokenExpiredError extends InvalidTokenError {
  /** The token's expiry, in Unix seconds. */
  readonly expireTime: number;
  constructor(expireTime: number, now: number) {
    super('expired', `Token expired at ${expireTime} (now ${now})`);
    this.expireTime = expireTime;
  }
}

/**
 * Gives a subclass's instances a stable `name` that survives minification (and that
 * {@link OpenTokError.isInstance} compares across copies of a package).
 * @example
 * class RateLimitError extends OpenTokError {}
 * defineErrorName(RateLimitError, 'RateLimitError')
 */
export function defineErrorName(cls: abstract new (...args: never[]) => OpenTokError, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

Object.defineProperty(OpenTokError.prototype, MARKER, { value: true });
defineErrorName(OpenTokError, 'OpenTokError');
defineErrorName(InvalidArgumentError, 'InvalidArgumentError');
defineErrorName(InvalidSessionIdError, 'InvalidSessionIdError');
defineErrorName(InvalidTokenError, 'InvalidTokenError');
defineErrorName(TokenExpiredError, 'TokenExpiredError');
