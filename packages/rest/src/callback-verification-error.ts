/**
 * The error of {@link verifyCallback}: a callback whose signature could not be trusted, with
 * a `reason` a program can branch on. Never quotes the token, the secret or the body.
 * @module
 */
import { OpenTokError } from '@opentok/token';

/** Why a signed callback was refused. */
export type CallbackVerificationReason =
  /** No `Authorization: Bearer <JWT>` header. */
  | 'missingHeader'
  /** The header is no JWT: not three base64url parts of JSON. */
  | 'malformed'
  /** The JWT names another algorithm than `HS256` (`none`, `RS256`, `HS512`…). */
  | 'algorithm'
  /** The HMAC does not match: another secret signed it, or the token was changed. */
  | 'badSignature'
  /** Too old (`iat` beyond `maxAge`, or past `exp`), or not yet valid (`iat` or `nbf` in the future). */
  | 'expired'
  /** The body's SHA-256 is not the token's `payload_hash`: the body was changed (or re-serialised). */
  | 'bodyHashMismatch';

/**
 * A callback whose signature, age or body hash was refused by `verifyCallback`.
 * @example
 * try { await verifyCallback(request, secret) } catch (error) {
 *   if (CallbackVerificationError.isInstance(error)) return new Response(null, { status: 401 })
 * }
 */
export class CallbackVerificationError extends OpenTokError {
  /** Why it was refused. */
  readonly reason: CallbackVerificationReason;

  override get name(): string {
    return 'CallbackVerificationError';
  }

  /**
   * @param reason Why it was refused.
   * @param message What went wrong, starting with `[@opentok/rest]`.
   */
  constructor(reason: CallbackVerificationReason, message: string) {
    super(message);
    this.reason = reason;
  }
}
