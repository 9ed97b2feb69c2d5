/**
 * The short-lived JWT sent as the `X-OPENTOK-AUTH` header of REST calls (docs/protocol.md §4.3).
 * @module
 */
import { createSigner, encodeBase64 } from '#crypto';
import { randomUUID } from './random.js';
import { type Credentials, checkCredentials, checkOptions, fail, nowSeconds } from './validate.js';

/** Options of {@link generateRestToken}. */
export interface RestTokenOptions {
  /** Lifetime in seconds, 1 to 3600. @default 300 (as the official Node SDK) */
  ttl?: number | undefined;
}

/**
 * Mints the `X-OPENTOK-AUTH` JWT: HS256, claims `iss` (API key), `ist: "project"`, `iat`,
 * `exp` and a fresh `jti` on every call.
 * @throws {InvalidArgumentError} for bad credentials, a bad `ttl` or an unknown option key.
 * @example
 * fetch(url, { headers: { 'X-OPENTOK-AUTH': generateRestToken({ apiKey, apiSecret }) } })
 */
export function generateRestToken(credentials: Credentials, options?: RestTokenOptions): string {
  const { apiKey, apiSecret } = checkCredentials(credentials);
  const { ttl = 300 } = checkOptions(options, ['ttl']) as RestTokenOptions;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 3600)
    fail('ttl', 'ttl must be a whole number of seconds from 1 to 3600');
  const iat = nowSeconds();
  const input =
    `${encodeBase64('{"alg":"HS256","typ":"JWT"}', true)}.` +
    encodeBase64(`{"iss":"${apiKey}","ist":"project","iat":${iat},"exp":${iat + ttl},"jti":"${randomUUID()}"}`, true);
  return `${input}.${createSigner('sha256', apiSecret)(input)}`;
}
