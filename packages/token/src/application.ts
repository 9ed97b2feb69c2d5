/**
 * A Vonage application's client token: the RS256 JWT's `header.payload`, named as the
 * official SDKs name it (`application_id`, `jti`, `sub`, `acl`). Only the Node seam's
 * synchronous signer and the async functions import it, so that the HMAC signing path (and
 * the edge build's synchronous one) carries none of it.
 * @module
 */
import { encodeBase64 } from '#crypto';
import { randomUUID } from './random.js';
import { jwtHeader } from './validate.js';

/**
 * The RS256 JWT's `header.payload` for application `id`, a fresh `jti`, and `claims`, the
 * rest of the payload from `,"iat"` to the closing brace (what project tokens share).
 */
export const applicationInput = (id: string, claims: string): string =>
  jwtHeader(true) +
  encodeBase64(
    `{"application_id":"${id}","jti":"${randomUUID()}","sub":"video","acl":{"paths":{"/session/**":{}}}${claims}`,
    true,
  );
