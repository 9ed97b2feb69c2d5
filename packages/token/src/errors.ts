/**
 * The error family shared by every `@opentok/*` package. Later layers (`@opentok/rest`,
 * `opentok`, `@opentok/emulator`) subclass {@link OpenTokError}; none of them ever puts a
 * secret in a message.
 *
 * Naming, one mechanism for every package: a class names itself with a getter in its own
 * body, `override get name() { return 'RateLimitError' }`. A getter is not an assignment,
 * so unused classes still tree-shake away, and minification cannot change the string. The
 * first time an error of a class is made, the {@link OpenTokError} constructor marks each
 * prototype of its chain that names itself with the brand `Symbol.for('opentok.error.<name>')`.
 * The brands are inherited like the classes, so {@link OpenTokError.isInstance} can recognise
 * a parent class across copies of a package (an error from the CommonJS build, the class
 * from the ESM build) without any registration call.
 *
 * Messages, one style for every package: `[<package name>] <what went wrong>`, such as
 * `[@opentok/token] Expire time must be in the future` or `[@opentok/rest] GET /v2/... failed
 * with 404`. The prefix tells a reader of a bare log line which package spoke; the words
 * after it keep the original SDKs' wording where users search for it.
 * @module
 */

/** How every message of this package starts (see the module comment). */
export const PREFIX = '[@opentok/token]';

/**
 * The brand of a prototype that names itself with a getter in its own class body,
 * `Symbol.for('opentok.error.<name>')`; `undefined` for any other.
 */
function brandOf(prototype: object): symbol | undefined {
  const name = Object.getOwnPropertyDescriptor(prototype, 'name')?.get?.call(prototype);
  return name ? Symbol.for(`opentok.error.${name}`) : undefined;
}

/**
 * Base class of every error thrown by the OpenTok packages.
 *
 * Use {@link OpenTokError.isInstance} rather than `instanceof` when several copies of the
 * package may be loaded (for example one bundled by a framework and one from `node_modules`,
 * or the CommonJS and the ESM build side by side).
 * @example
 * class QuotaError extends OpenTokError {
 *   override get name() { return 'QuotaError' }
 * }
 */
export class OpenTokError extends Error {
  /**
   * @param message What went wrong, starting with the package's prefix.
   * @param options `cause`: the underlying error.
   */
  constructor(message?: string, options?: { cause?: unknown }) {
    super(message, options);
    // Brand every self-naming prototype of the chain (see the module comment). Reflect's
    // defineProperty fails quietly on a frozen prototype instead of throwing.
    // (Error.prototype and Object.prototype have no name getter: the walk passes them by.)
    for (let prototype = new.target.prototype; prototype; prototype = Object.getPrototypeOf(prototype)) {
      const brand = brandOf(prototype);
      if (brand) Reflect.defineProperty(prototype, brand, { value: true });
    }
  }

  override get name(): string {
    return 'OpenTokError';
  }

  /**
   * `true` when `error` is an instance of this class or of a subclass, from this or any
   * other copy of the package (by the class's `Symbol.for` brand, see the module comment).
   * A subclass that does not name itself is recognised by `instanceof` only.
   * @example
   * if (InvalidTokenError.isInstance(error)) console.log(error.reason)
   */
  static isInstance<T>(this: abstract new (...args: never[]) => T, error: unknown): error is T {
    const brand = brandOf(this.prototype as object);
    return error instanceof this || (!!brand && Object(error)[brand] === true);
  }
}

/** Thrown when an argument is missing, of the wrong type or out of range. */
export class InvalidArgumentError extends OpenTokError {
  override get name(): string {
    return 'InvalidArgumentError';
  }
  /** The name of the offending argument or option, such as `expireTime` (`''` when not given). */
  readonly argument: string;
  /**
   * @param argument The name of the offending argument or option, such as `expireTime`.
   * @param message What is wrong with it. Called with one argument (as plain JavaScript
   * may), that argument is the message.
   * @param options `cause`: the underlying error.
   */
  constructor(argument: string, message?: string, options?: { cause?: unknown }) {
    super(message ?? argument, options);
    this.argument = message === undefined ? '' : argument;
  }
}

/**
 * Thrown when a session ID is null or empty, does not decode, or belongs to another API key.
 * The messages keep the original SDKs' wording after the prefix (`Null or empty session ID is
 * not valid`, `An invalid session ID was passed`), which their users search for.
 */
export class InvalidSessionIdError extends InvalidArgumentError {
  override get name(): string {
    return 'InvalidSessionIdError';
  }
}

/** Why a token was rejected by {@link InvalidTokenError}. */
export type InvalidTokenReason = 'malformed' | 'signature' | 'api-key' | 'session' | 'claims' | 'expired';

const REASONS: readonly string[] = ['malformed', 'signature', 'api-key', 'session', 'claims', 'expired'];

/** Thrown by the token decoders and verifiers for tampered, foreign or malformed tokens. */
export class InvalidTokenError extends OpenTokError {
  override get name(): string {
    return 'InvalidTokenError';
  }
  /** A machine-readable reason. */
  readonly reason: InvalidTokenReason;
  /**
   * @param reason A machine-readable reason.
   * @param message What is wrong with the token. Called with one argument that is not a
   * reason (as plain JavaScript may), that argument is the message and the reason is `malformed`.
   */
  constructor(reason: InvalidTokenReason, message?: string) {
    const known = REASONS.includes(reason);
    super(message ?? (known ? `${PREFIX} Token is not valid (${reason})` : reason));
    this.reason = known || message !== undefined ? reason : 'malformed';
  }
}

/** Thrown by the verifiers for a token whose expiry time has passed. */
export class TokenExpiredError extends InvalidTokenError {
  override get name(): string {
    return 'TokenExpiredError';
  }
  /** The token's expiry, in Unix seconds (`NaN` when made with a message only). */
  readonly expireTime: number;
  /**
   * @param expireTime The token's expiry, in Unix seconds.
   * @param now The time it was checked against, in Unix seconds. Called with a message
   * instead (as plain JavaScript may), that message is used.
   */
  constructor(expireTime: number, now?: number) {
    const numeric = typeof expireTime === 'number';
    super(
      'expired',
      numeric ? `${PREFIX} Token expired at ${expireTime}${now === undefined ? '' : ` (now ${now})`}` : `${expireTime}`,
    );
    this.expireTime = numeric ? expireTime : Number.NaN;
  }
}
