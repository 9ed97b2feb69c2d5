/**
 * The error family shared by every `@opentok/*` package. Later layers (`@opentok/rest`,
 * `opentok`) subclass {@link OpenTokError}; none of them ever puts a secret in a message.
 * Names are prototype getters, not assignments, so that unused classes tree-shake away and
 * minification cannot change them.
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
  override get name(): string {
    return 'OpenTokError';
  }

  /** @internal Marks the family across copies of the package. */
  get [MARKER](): true {
    return true;
  }

  /**
   * `true` when `error` is an instance of this class, from this or any other copy of the
   * package. On a subclass it compares the error's `name` as a fallback for other copies.
   * @example
   * if (InvalidTokenError.isInstance(error)) console.log(error.reason)
   */
  static isInstance<T>(this: abstract new (...args: never[]) => T, error: unknown): error is T {
    return (
      error instanceof this ||
      (Object(error)[MARKER] === true &&
        (this === (OpenTokError as unknown) || (error as Error).name === this.prototype.name))
    );
  }
}

/** Thrown when an argument is missing, of the wrong type or out of range. */
export class InvalidArgumentError extends OpenTokError {
  override get name(): string {
    return 'InvalidArgumentError';
  }
  /**
   * @param argument The name of the offending argument or option, such as `expireTime`.
   */
  constructor(
    readonly argument: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Thrown when a session ID is null or empty, does not decode, or belongs to another API key.
 * The messages keep the original SDKs' wording (`Null or empty session ID is not valid`,
 * `An invalid session ID was passed`), which their users search for.
 */
export class InvalidSessionIdError extends InvalidArgumentError {
  override get name(): string {
    return 'InvalidSessionIdError';
  }
}

/** Why a token was rejected by {@link InvalidTokenError}. */
export type InvalidTokenReason = 'malformed' | 'signature' | 'api-key' | 'session' | 'claims' | 'expired';

/** Thrown by the token decoders and verifiers for tampered, foreign or malformed tokens. */
export class InvalidTokenError extends OpenTokError {
  override get name(): string {
    return 'InvalidTokenError';
  }
  /**
   * @param reason A machine-readable reason.
   */
  constructor(
    readonly reason: InvalidTokenReason,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown by the verifiers for a token whose expiry time has passed. */
export class TokenExpiredError extends InvalidTokenError {
  override get name(): string {
    return 'TokenExpiredError';
  }
  /**
   * @param expireTime The token's expiry, in Unix seconds.
   */
  constructor(
    readonly expireTime: number,
    now: number,
  ) {
    super('expired', `Token expired at ${expireTime} (now ${now})`);
  }
}

/**
 * Gives a subclass defined in another package a stable `name` (a prototype getter, so it
 * survives minification and {@link OpenTokError.isInstance} can compare it across copies).
 * Overriding `get name()` in the class body does the same.
 * @example
 * class RateLimitError extends OpenTokError {}
 * defineErrorName(RateLimitError, 'RateLimitError')
 */
export function defineErrorName(cls: abstract new (...args: never[]) => OpenTokError, name: string): void {
  Object.defineProperty(cls.prototype, 'name', { get: () => name, configurable: true });
}
