/**
 * The short-lived JWT of REST calls: the `X-OPENTOK-AUTH` header (docs/protocol.md §4.3), or
 * `Authorization: Bearer` for a Vonage application.
 * @module
 */
import { createRsaSigner, createSigner, encodeBase64 } from '#crypto';
import { randomUUID } from './random.js';
import { type Credentials, checkCredentials, checkOptions, jwtHeader, must, nowSeconds } from './validate.js';

/** Options of {@link generateRestToken}. */
export interface RestTokenOptions {
  /** Lifetime in seconds, 1 to 3600. @default 300 (as the official Node SDK) */
  ttl?: number | undefined;
}

/**
 * The REST token's `header.payload` for checked credentials and options, and the key:
 * shared by {@link generateRestToken} and `generateRestTokenAsync`.
 * @internal
 */
export function restTokenInput(
  credentials: Credentials,
  options: RestTokenOptions | undefined,
): [input: string, key: string | object, application: boolean] {
  const [id, key, application] = checkCredentials(credentials);
  const { ttl = 300 } = checkOptions(options, ['ttl']) as RestTokenOptions;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 3600) must('ttl', 'be a whole number of seconds from 1 to 3600');
  const iat = nowSeconds();
  // As the official 2.23: an application's token names it as issuer too.
  const issuer = `"iss":${JSON.stringify(id)},"ist":"project"`;
  const claims = application ? `${issuer},"application_id":"${id}"` : issuer;
  return [
    jwtHeader(application) + encodeBase64(`{${claims},"iat":${iat},"exp":${iat + ttl},"jti":"${randomUUID()}"}`, true),
    key,
    application,
  ];
}

/**
 * Mints the credential of a REST call. For a project's `{ apiKey, apiSecret }`: the
 * `X-OPENTOK-AUTH` JWT, HS256, claims `iss` (API key), `ist: "project"`, `iat`, `exp` and a
 * fresh `jti`. For a Vonage application's `{ applicationId, privateKey }`: the
 * `Authorization: Bearer` JWT, RS256, claims `iss` (the application ID), `ist: "project"`,
 * `application_id`, `iat`, `exp` and `jti`
 * (synchronous where `node:crypto` is there; elsewhere use `generateRestTokenAsync`).
 * @throws {InvalidArgumentError} for bad credentials, a bad `ttl` or an unknown option key.
 * @example
 * fetch(url, { headers: { 'X-OPENTOK-AUTH': generateRestToken({ apiKey, apiSecret }) } })
 */
export function generateRestToken(credentials: Credentials, options?: RestTokenOptions): string {
  const [input, key, application] = restTokenInput(credentials, options);
  return `${input}.${application ? createRsaSigner(key)(input) : createSigner('sha256', key as string)(input)}`;
}
