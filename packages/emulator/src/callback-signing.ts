/**
 * Signs a callback as the service does for a callback URL with a signature secret: a JWT,
 * HS256, in `Authorization: Bearer`, whose `payload_hash` claim is the SHA-256 (hex) of the exact
 * body sent. Claims: `iat` (seconds), `jti` (a UUID per attempt), `iss` (`Vonage`),
 * `payload_hash`, and `api_key` for a project or `application_id` for a Vonage application (see
 * the repository's `docs/signed-callbacks.md` for what is assumed). No `exp`: receivers bound the
 * age by `iat`, as Vonage's signed webhooks do.
 * @module
 */
import { createHash, createHmac, randomUUID } from 'node:crypto';

/** Who the callback belongs to: a project (`apiKey`) or a Vonage application (`applicationId`). */
export type CallbackOwner = { apiKey: string } | { applicationId: string };

const base64Url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

/**
 * The `Authorization` header value of one delivery attempt of `body`.
 * @example
 * signCallback('{"event":"archive"}', 'signature-secret', { apiKey: '123456' }, Date.now())
 */
export function signCallback(body: string, secret: string, owner: CallbackOwner, now: number): string {
  const header = base64Url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = {
    iat: Math.floor(now / 1000),
    jti: randomUUID(),
    iss: 'Vonage',
    payload_hash: createHash('sha256').update(body, 'utf8').digest('hex'),
    ...('apiKey' in owner ? { api_key: owner.apiKey } : { application_id: owner.applicationId }),
  };
  const payload = base64Url(JSON.stringify(claims));
  const signature = createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url');
  return `Bearer ${header}.${payload}.${signature}`;
}
