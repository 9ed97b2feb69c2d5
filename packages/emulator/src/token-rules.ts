/**
 * The emulator's own token rules, applied whatever version of `@opentok/token` verifies the
 * signatures: `X-OPENTOK-AUTH` takes REST tokens only (never a client token), no token may be
 * issued further in the future than the clock tolerance, and a REST token may not live longer
 * than the maximum lifetime. Times are read from the emulator's clock.
 * @module
 */
import { EmulatorProblem } from './problem.js';

/** How far in the future a token's issue time may lie, in seconds. @default 300 */
export const DEFAULT_CLOCK_TOLERANCE_SECONDS = 300;
/** The longest accepted REST token lifetime (`exp` minus `iat`), in seconds. @default 3600 */
export const DEFAULT_MAX_REST_TOKEN_LIFETIME_SECONDS = 3600;

/** The limits the emulator checks tokens against. */
export interface TokenRules {
  /** Seconds an `iat` or `create_time` may lie ahead of the emulator's clock. */
  clockTolerance: number;
  /** Seconds a REST token may live, from `iat` (or now, without one) to `exp`. */
  maxRestTokenLifetime: number;
}

/** The claims only a client token carries: a REST credential has none of them. */
const CLIENT_TOKEN_CLAIMS = ['scope', 'session_id', 'role', 'connection_data', 'expire_time', 'create_time'];

const invalid = (description: string): EmulatorProblem =>
  new EmulatorProblem(403, 'Invalid token', { code: -1, description });

/** The JWT payload as an object, or `undefined` when it cannot be read (the verifier then refuses it). */
function jwtPayload(token: string): Record<string, unknown> | undefined {
  const part = token.split('.')[1];
  if (part === undefined || !/^[\w-]+={0,2}$/.test(part)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A time claim as a number of seconds (SDKs write numbers; a digit string is read too). */
function seconds(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

/**
 * Refuses an `X-OPENTOK-AUTH` value that is a client token (T1, or a JWT with `scope`,
 * `session_id`, `role`…), issued in the future beyond the tolerance, or living too long.
 * @param now the emulator's clock, in Unix seconds.
 * @throws {EmulatorProblem} 403 `Invalid token` with a description of the rule broken.
 */
export function checkRestTokenRules(token: string, rules: TokenRules, now: number): void {
  if (token.startsWith('T1==')) throw invalid('X-OPENTOK-AUTH takes a REST token, not a client token');
  const payload = jwtPayload(token);
  if (payload === undefined) return; // malformed: the verifier answers for it
  if (CLIENT_TOKEN_CLAIMS.some((claim) => claim in payload)) {
    throw invalid('X-OPENTOK-AUTH takes a REST token, not a client token');
  }
  const iat = seconds(payload.iat);
  const exp = seconds(payload.exp);
  if (iat !== undefined && iat > now + rules.clockTolerance) {
    throw invalid('Token issue time (iat) is in the future');
  }
  if (exp !== undefined) {
    const issued = iat ?? now;
    if (exp - issued > rules.maxRestTokenLifetime) {
      throw invalid(`Token lifetime exceeds ${rules.maxRestTokenLifetime} seconds`);
    }
  }
}

/**
 * Whether a client token was issued further in the future than the tolerance allows.
 * @param createTime the token's `create_time` (or `iat`), Unix seconds.
 * @param now the emulator's clock, in Unix seconds.
 */
export function clientTokenFromFuture(createTime: number, rules: TokenRules, now: number): boolean {
  return createTime > now + rules.clockTolerance;
}
